using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Data.Web;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>Acknowledged so far at the end of a day; null for days still to come (the chart runs to the due date).</summary>
public sealed record CompletionPoint(DateTime Day, int? Acknowledged);

public sealed record UnitCompletion(string Name, int Acknowledged, int Total)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Total);
}

public sealed record OverduePerson(Guid MembershipId, string Name, string Email, string? Department, DateTime DueAt, int RemindersSent, DateTime? LastRemindedAt);

public sealed record AssignmentDashboardModel(
    Assignment Assignment, Core.Policies.Policy Policy, int VersionNumber, int Acknowledged, int Open, int Overdue, int Withdrawn,
    IReadOnlyList<CompletionPoint> Completion, IReadOnlyList<UnitCompletion> ByDepartment, IReadOnlyList<UnitCompletion> ByLocation,
    IReadOnlyList<OverduePerson> OverduePeople, DateTime Now)
{
    public int Audience => Acknowledged + Open;

    public int Percent => Audience == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Audience);
}

/// <summary>
/// The numbers of one assignment for HR, each from one query over one index (no per-person round trips):
/// status counts, acknowledgements per day, completion by department and by location, and who is overdue.
/// </summary>
public sealed class AssignmentDashboard(PolicyHubDbContext db, TimeProvider time)
{
    public const int OverdueListSize = 100;

    public async Task<AssignmentDashboardModel?> LoadAsync(Guid assignmentId, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking().Include(a => a.Targets).SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == assignment.PolicyId, ct);
        var number = await db.PolicyVersions.Where(v => v.Id == assignment.PolicyVersionId).Select(v => v.Number).SingleAsync(ct);
        var requests = db.AcknowledgementRequests.AsNoTracking().Where(r => r.AssignmentId == assignmentId);

        var byStatus = await requests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await requests.CountAsync(r => r.Status == RequestStatus.Open && r.DueAt < now, ct);
        int Count(RequestStatus status) => byStatus.Where(s => s.Key == status).Sum(s => s.Count);

        var perDay = await requests.Where(r => r.Status == RequestStatus.Acknowledged && r.AcknowledgedAt != null)
            .GroupBy(r => r.AcknowledgedAt!.Value.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var completion = Cumulative(assignment.CreatedAt.Date, now.Date, assignment.DueAt.Date, perDay.ToDictionary(d => d.Day, d => d.Count));

        // By department and location: the audience's statuses and everyone's units, two index scans joined here
        // (a join in SQL costs two B-tree lookups per person: 0.17 s for 20,000 people on SQLite).
        var current = await requests.Where(r => r.Status != RequestStatus.Withdrawn).Select(r => new { r.MembershipId, r.Status }).ToListAsync(ct);
        var units = await db.Memberships.AsNoTracking().Select(m => new { m.Id, m.DepartmentId, m.LocationId }).ToDictionaryAsync(m => m.Id, ct);
        var people = current.Where(r => units.ContainsKey(r.MembershipId)).Select(r => (Unit: units[r.MembershipId], r.Status)).ToList();
        var departments = people.GroupBy(x => x.Unit.DepartmentId)
            .Select(g => new { g.Key, Total = g.Count(), Acknowledged = g.Count(x => x.Status == RequestStatus.Acknowledged) }).ToList();
        var locations = people.GroupBy(x => x.Unit.LocationId)
            .Select(g => new { g.Key, Total = g.Count(), Acknowledged = g.Count(x => x.Status == RequestStatus.Acknowledged) }).ToList();
        var departmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var locationNames = await db.Locations.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        var overduePeople = await (
                from r in requests
                where r.Status == RequestStatus.Open && r.DueAt < now
                join m in db.Memberships on r.MembershipId equals m.Id
                orderby r.DueAt, m.DisplayName
                select new OverduePerson(m.Id, m.DisplayName, m.Email, m.Department != null ? m.Department.Name : null, r.DueAt, r.RemindersSent, r.LastRemindedAt))
            .Take(OverdueListSize).ToListAsync(ct);

        return new AssignmentDashboardModel(assignment, policy, number, Count(RequestStatus.Acknowledged), Count(RequestStatus.Open), overdue, Count(RequestStatus.Withdrawn),
            completion,
            [.. departments.Select(d => new UnitCompletion(d.Key is { } id && departmentNames.TryGetValue(id, out var n) ? n : "—", d.Acknowledged, d.Total)).OrderBy(u => u.Name, StringComparer.CurrentCulture)],
            [.. locations.Select(d => new UnitCompletion(d.Key is { } id && locationNames.TryGetValue(id, out var n) ? n : "—", d.Acknowledged, d.Total)).OrderBy(u => u.Name, StringComparer.CurrentCulture)],
            overduePeople, now);
    }

    /// <summary>
    /// Acknowledged so far at the end of each day from <paramref name="first"/> to <paramref name="today"/>, then empty days up
    /// to <paramref name="until"/> (the due date), at most a year of points ending with the later of the two.
    /// </summary>
    public static IReadOnlyList<CompletionPoint> Cumulative(DateTime first, DateTime today, DateTime until, IReadOnlyDictionary<DateTime, int> perDay)
    {
        var last = until > today ? until : today;
        if ((last - first).TotalDays > 366)
        {
            first = last.AddDays(-366);
        }

        var points = new List<CompletionPoint>();
        var total = perDay.Where(d => d.Key < first).Sum(d => d.Value);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            total += perDay.TryGetValue(day, out var count) ? count : 0;
            points.Add(new CompletionPoint(day, day <= today ? total : null));
        }

        return points;
    }
}
