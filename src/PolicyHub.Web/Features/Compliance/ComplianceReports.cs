using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Compliance;

public sealed record CoverageRow(Guid PolicyId, string Title, string Category, Guid VersionId, int Version, int Asked, int Acknowledged, int Overdue)
{
    public int Percent => Asked == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Asked);
}

public sealed record VersionChoice(Guid Id, string Label);

public sealed record OutstandingPerson(Guid MembershipId, string Name, string Email, string? Department, string? Location, DateTime DueAt, DateTime? AcknowledgedLater);

public sealed record OutstandingReport(Policy Policy, PolicyVersion Version, IReadOnlyList<int> CountsFor, DateTime AsOf, int Asked, int Total, IReadOnlyList<OutstandingPerson> People, int Page, int PageSize);

/// <summary>
/// The compliance questions, answered by set-based queries: how much of each policy's current text is
/// acknowledged, and who had not acknowledged a given version (or a minor version it counts for) at a moment.
/// </summary>
public sealed class ComplianceReports(PolicyHubDbContext db, TimeProvider time)
{
    public const int PageSize = 100;

    /// <summary>Every active policy with a published version: people asked for its current text and how many acknowledged.</summary>
    public async Task<IReadOnlyList<CoverageRow>> CoverageAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policies = await db.Policies.AsNoTracking().Where(p => p.Status == PolicyStatus.Active).ToListAsync(ct);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PublishedAt != null)
            .Select(v => new { v.Id, v.PolicyId, v.Number, v.IsMaterialChange, v.Status }).ToListAsync(ct);
        // The current text of each policy: its published version and the minor versions in the same run.
        var current = new Dictionary<Guid, (Policy Policy, Guid VersionId, int Number)>();
        var currentVersionIds = new List<Guid>();
        foreach (var policy in policies)
        {
            var own = versions.Where(v => v.PolicyId == policy.Id).ToList();
            if (own.FirstOrDefault(v => v.Status == PolicyVersionStatus.Published) is { } inForce)
            {
                current[policy.Id] = (policy, inForce.Id, inForce.Number);
                currentVersionIds.AddRange(AcknowledgementValidity.SameText(own.Select(v => new PublishedVersion(v.Id, v.Number, v.IsMaterialChange)), inForce.Id));
            }
        }

        // One grouped query for all policies; people are counted once per policy whatever number of requests they have.
        var counts = await (
                from r in db.AcknowledgementRequests.AsNoTracking()
                where r.Status != RequestStatus.Withdrawn && currentVersionIds.Contains(r.PolicyVersionId)
                join v in db.PolicyVersions on r.PolicyVersionId equals v.Id
                group r by v.PolicyId into g
                select new
                {
                    Policy = g.Key,
                    Asked = g.Select(r => r.MembershipId).Distinct().Count(),
                    Acknowledged = g.Where(r => r.Status == RequestStatus.Acknowledged).Select(r => r.MembershipId).Distinct().Count(),
                    Overdue = g.Where(r => r.Status == RequestStatus.Open && r.DueAt < now).Select(r => r.MembershipId).Distinct().Count(),
                })
            .ToDictionaryAsync(c => c.Policy, ct);

        var rows = current.Values.Select(c => counts.TryGetValue(c.Policy.Id, out var n)
            ? new CoverageRow(c.Policy.Id, c.Policy.Title, c.Policy.Category, c.VersionId, c.Number, n.Asked, n.Acknowledged, n.Overdue)
            : new CoverageRow(c.Policy.Id, c.Policy.Title, c.Policy.Category, c.VersionId, c.Number, 0, 0, 0));
        return [.. rows.OrderBy(r => r.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>Every published version of every policy, for the report's picker.</summary>
    public async Task<IReadOnlyList<VersionChoice>> VersionChoicesAsync(Func<string, int, string> label, CancellationToken ct)
        => (await db.PolicyVersions.AsNoTracking().Where(v => v.PublishedAt != null)
                .Join(db.Policies, v => v.PolicyId, p => p.Id, (v, p) => new { v.Id, p.Title, v.Number })
                .ToListAsync(ct))
            .OrderBy(x => x.Title, StringComparer.CurrentCulture).ThenByDescending(x => x.Number)
            .Select(x => new VersionChoice(x.Id, label(x.Title, x.Number))).ToList();

    /// <summary>
    /// Who had not acknowledged <paramref name="versionId"/> at the end of <paramref name="asOf"/> (UTC): people with
    /// a request for that text created by then and not withdrawn by then, and no acknowledgement of it (or of a
    /// version it counts for) by then. Null when the version is not a published version of this organisation.
    /// </summary>
    public async Task<OutstandingReport?> OutstandingAsync(Guid versionId, DateTime asOf, int page, CancellationToken ct)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.PublishedAt != null, ct);
        if (version is null)
        {
            return null;
        }

        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == version.PolicyId, ct);
        var published = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policy.Id && v.PublishedAt != null)
            .Select(v => new PublishedVersion(v.Id, v.Number, v.IsMaterialChange)).ToListAsync(ct);
        var sameText = AcknowledgementValidity.SameText(published, versionId);
        var end = DateTime.SpecifyKind(asOf.Date.AddDays(1), DateTimeKind.Utc);

        // Set work in the database, over two covering indexes in person order: everyone asked EXCEPT everyone who had
        // acknowledged by then. (Reading both lists into .NET cost 0.1 s of parsing text GUIDs and times on SQLite.)
        var asked = db.AcknowledgementRequests.AsNoTracking()
            .Where(r => sameText.Contains(r.PolicyVersionId) && r.CreatedAt < end && !(r.Status == RequestStatus.Withdrawn && r.WithdrawnAt < end));
        var acknowledgedBy = db.Acknowledgements.AsNoTracking().Where(a => sameText.Contains(a.PolicyVersionId) && a.AcknowledgedAt < end).Select(a => a.MembershipId);
        var outstanding = asked.Select(r => r.MembershipId).Except(acknowledgedBy);

        var askedCount = await asked.Select(r => r.MembershipId).Distinct().CountAsync(ct);
        var total = await outstanding.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        // The page: the organisation's people in name order (an index), kept when asked and not acknowledged — two
        // seeks per person in the person-ordered indexes — 50 at a time: the database stops after the page instead
        // of building the outstanding set again or joining and sorting everyone outstanding.
        var pageIds = await db.Memberships.AsNoTracking()
            .Where(m => asked.Any(r => r.MembershipId == m.Id) && !acknowledgedBy.Any(id => id == m.Id))
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Id).Select(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        // Their details, due dates and later acknowledgements: one query each for the whole page (a subquery per person
        // let SQLite scan the version's 20,000 requests once per person).
        var details = await db.Memberships.AsNoTracking().Where(m => pageIds.Contains(m.Id))
            .Select(m => new { m.Id, m.DisplayName, m.Email, Department = m.Department != null ? m.Department.Name : null, Location = m.Location != null ? m.Location.Name : null })
            .ToDictionaryAsync(m => m.Id, ct);
        var due = (await asked.Where(r => pageIds.Contains(r.MembershipId)).Select(r => new { r.MembershipId, r.DueAt }).ToListAsync(ct))
            .GroupBy(r => r.MembershipId).ToDictionary(g => g.Key, g => g.Min(r => r.DueAt));
        var later = (await db.Acknowledgements.AsNoTracking().Where(a => pageIds.Contains(a.MembershipId) && sameText.Contains(a.PolicyVersionId))
                .Select(a => new { a.MembershipId, a.AcknowledgedAt }).ToListAsync(ct))
            .GroupBy(a => a.MembershipId).ToDictionary(g => g.Key, g => g.Min(a => a.AcknowledgedAt));
        var people = pageIds.Select(id => details[id])
            .Select(m => new OutstandingPerson(m.Id, m.DisplayName, m.Email, m.Department, m.Location, due[m.Id], later.TryGetValue(m.Id, out var at) ? at : null)).ToList();
        var numbers = published.Where(v => sameText.Contains(v.Id)).Select(v => v.Number).Order().ToList();
        return new OutstandingReport(policy, version, numbers, asOf.Date, askedCount, total, people, page, PageSize);
    }
}
