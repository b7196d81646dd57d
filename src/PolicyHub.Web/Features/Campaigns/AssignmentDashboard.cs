using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>Acknowledged so far at the end of a day; null for days still to come (the chart runs to the due date).</summary>
public sealed record CompletionPoint(DateTime Day, int? Acknowledged);

public sealed record UnitCompletion(string Name, int Acknowledged, int Total)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Total);
}

/// <summary>Which people of an assignment the dashboard lists.</summary>
public enum PeopleFilter
{
    /// <summary>Still to acknowledge (the overdue among them marked).</summary>
    Open,
    Overdue,
    Acknowledged,
}

/// <summary>One person of an assignment as the dashboard lists them.</summary>
public sealed record DashboardPerson(
    Guid MembershipId, string Name, string Email, string? Department, RequestStatus Status, DateTime DueAt, DateTime? AcknowledgedAt, int RemindersSent, DateTime? LastRemindedAt);

/// <summary>A page of the dashboard's people: the filter, the page number, how many match.</summary>
public sealed record PeoplePage(PeopleFilter Filter, int Page, int Total, IReadOnlyList<DashboardPerson> People)
{
    public const int Size = 50;

    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
}

public sealed record AssignmentDashboardModel(
    Assignment Assignment, Core.Policies.Policy Policy, int VersionNumber, int Acknowledged, int Open, int Overdue, int Withdrawn,
    IReadOnlyList<CompletionPoint> Completion, IReadOnlyList<UnitCompletion> ByDepartment, IReadOnlyList<UnitCompletion> ByLocation,
    PeoplePage People, DateTime Now)
{
    public int Audience => Acknowledged + Open;

    public int Percent => Audience == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Audience);
}

/// <summary>
/// The numbers of one assignment for HR, each from one query over one index (no per-person round trips):
/// counts by status and unit (each request carries its person's unit, kept in step by PolicyHubDbContext's save),
/// acknowledgements per day, and who is overdue.
/// </summary>
public sealed class AssignmentDashboard(PolicyHubDbContext db, TimeProvider time)
{
    public async Task<AssignmentDashboardModel?> LoadAsync(Guid assignmentId, PeopleFilter filter, int page, CancellationToken ct)
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

        // Counts by status, overdue and unit from one read of the dashboard's index: grouped in the index's order first
        // (no sorting of 20,000 rows; the assignment's due dates are few), then those few groups by overdue or not.
        var groups = await requests
            .GroupBy(r => new { r.Status, r.DueAt, r.DepartmentId, r.LocationId })
            .Select(g => new { g.Key.Status, g.Key.DueAt, g.Key.DepartmentId, g.Key.LocationId, Count = g.Count() })
            .GroupBy(g => new { g.Status, Overdue = g.Status == RequestStatus.Open && g.DueAt < now, g.DepartmentId, g.LocationId })
            .Select(g => new RequestGroup(g.Key.Status, g.Key.Overdue, g.Key.DepartmentId, g.Key.LocationId, g.Sum(x => x.Count)))
            .ToListAsync(ct);
        int Count(RequestStatus status) => groups.Where(g => g.Status == status).Sum(g => g.Count);
        var overdue = groups.Where(g => g.Overdue).Sum(g => g.Count);

        var perDay = await requests.Where(r => r.Status == RequestStatus.Acknowledged && r.AcknowledgedAt != null)
            .GroupBy(CalendarDays.Of<AcknowledgementRequest>(db, r => r.AcknowledgedAt!.Value))
            .Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var completion = Cumulative(assignment.CreatedAt.Date, now.Date, assignment.DueAt.Date, perDay.ToDictionary(d => d.Day, d => d.Count));

        var current = groups.Where(g => g.Status != RequestStatus.Withdrawn).ToList();
        var departmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var locationNames = await db.Locations.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        IReadOnlyList<UnitCompletion> ByUnit(Func<RequestGroup, Guid?> unitOf, Dictionary<Guid, string> names) =>
        [
            .. current.GroupBy(unitOf)
                .Select(u => new UnitCompletion(u.Key is { } id && names.TryGetValue(id, out var name) ? name : "—",
                    u.Where(g => g.Status == RequestStatus.Acknowledged).Sum(g => g.Count), u.Sum(g => g.Count)))
                .OrderBy(u => u.Name, StringComparer.CurrentCulture),
        ];

        var people = filter switch
        {
            PeopleFilter.Overdue => overdue,
            PeopleFilter.Acknowledged => Count(RequestStatus.Acknowledged),
            _ => Count(RequestStatus.Open),
        };
        page = Math.Clamp(page, 1, Math.Max(1, (people + PeoplePage.Size - 1) / PeoplePage.Size));
        var listed = await PeopleAsync(assignmentId, filter, now).Skip((page - 1) * PeoplePage.Size).Take(PeoplePage.Size).ToListAsync(ct);

        return new AssignmentDashboardModel(assignment, policy, number, Count(RequestStatus.Acknowledged), Count(RequestStatus.Open), overdue, Count(RequestStatus.Withdrawn),
            completion,
            ByUnit(g => g.DepartmentId, departmentNames),
            ByUnit(g => g.LocationId, locationNames),
            new PeoplePage(filter, page, people, listed), now);
    }

    /// <summary>
    /// The assignment's people of one filter, in the order the dashboard lists them: open and overdue by due date (most
    /// overdue first), acknowledged by when (latest first); then by name.
    /// </summary>
    public IQueryable<DashboardPerson> PeopleAsync(Guid assignmentId, PeopleFilter filter, DateTime now)
    {
        var requests = db.AcknowledgementRequests.AsNoTracking().Where(r => r.AssignmentId == assignmentId);
        requests = filter switch
        {
            PeopleFilter.Overdue => requests.Where(r => r.Status == RequestStatus.Open && r.DueAt < now),
            PeopleFilter.Acknowledged => requests.Where(r => r.Status == RequestStatus.Acknowledged),
            _ => requests.Where(r => r.Status == RequestStatus.Open),
        };
        var rows = from r in requests
                   join m in db.Memberships on r.MembershipId equals m.Id
                   select new { r, m };
        rows = filter == PeopleFilter.Acknowledged
            ? rows.OrderByDescending(x => x.r.AcknowledgedAt).ThenBy(x => x.m.DisplayName)
            : rows.OrderBy(x => x.r.DueAt).ThenBy(x => x.m.DisplayName);
        return rows.Select(x => new DashboardPerson(x.m.Id, x.m.DisplayName, x.m.Email, x.m.Department != null ? x.m.Department.Name : null,
            x.r.Status, x.r.DueAt, x.r.AcknowledgedAt, x.r.RemindersSent, x.r.LastRemindedAt));
    }

    private sealed record RequestGroup(RequestStatus Status, bool Overdue, Guid? DepartmentId, Guid? LocationId, int Count);

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
