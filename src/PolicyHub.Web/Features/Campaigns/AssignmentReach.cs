using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>Who a policy's active assignments reach: how many assignments, people asked, requests still open and acknowledged.</summary>
public sealed record Reach(int Assignments, int People, int Open, int Acknowledged);

/// <summary>
/// The numbers a confirmation states before something that cannot be undone (publishing, retiring, withdrawing):
/// read from the requests as they stand, which the audience synchronisation keeps in line with each audience.
/// </summary>
public sealed class AssignmentReach(PolicyHubDbContext db, AudienceSync audiences, TimeProvider time)
{
    /// <summary>Every active assignment of the policy.</summary>
    public Task<Reach> OfPolicyAsync(Guid policyId, CancellationToken ct)
        => CountAsync(db.Assignments.Where(a => a.PolicyId == policyId && a.Status == AssignmentStatus.Active).Select(a => a.Id), ct);

    /// <summary>One assignment.</summary>
    public Task<Reach> OfAssignmentAsync(Guid assignmentId, CancellationToken ct)
        => CountAsync(db.Assignments.Where(a => a.Id == assignmentId).Select(a => a.Id), ct);

    /// <summary>
    /// The due date a material change proposes for the new requests: as much time as the most generous active
    /// assignment gave (at least a day); null when nothing is assigned.
    /// </summary>
    public async Task<DateTime?> ProposedDueDateAsync(Guid policyId, CancellationToken ct)
    {
        var active = await db.Assignments.AsNoTracking().Where(a => a.PolicyId == policyId && a.Status == AssignmentStatus.Active)
            .Select(a => new { a.CreatedAt, a.DueAt }).ToListAsync(ct);
        return active.Count == 0 ? null : DueDates.CarriedOver(time.GetUtcNow().UtcDateTime, active.Max(a => a.DueAt - a.CreatedAt)).Date;
    }

    /// <summary>
    /// Whom an assignment being chosen would ask (<see cref="AudienceSync"/>'s rule) and how many of them already acknowledged the text of <paramref name="versionId"/>
    /// (their acknowledgement counts; they are not asked again).
    /// </summary>
    public async Task<(int People, int Acknowledged)> AudienceAsync(Guid policyId, Guid versionId, bool everyone,
        IReadOnlyCollection<Guid> departments, IReadOnlyCollection<Guid> locations, IReadOnlyCollection<Guid> members, CancellationToken ct)
    {
        var audience = audiences.Audience(everyone, departments, locations, members);
        var published = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policyId && v.PublishedAt != null)
            .Select(v => new PublishedVersion(v.Id, v.Number, v.IsMaterialChange)).ToListAsync(ct);
        var sameText = AcknowledgementValidity.SameText(published, versionId);
        var acknowledged = await db.Acknowledgements.Where(a => sameText.Contains(a.PolicyVersionId) && audience.Contains(a.MembershipId))
            .Select(a => a.MembershipId).Distinct().CountAsync(ct);
        return (await audience.CountAsync(ct), acknowledged);
    }

    private async Task<Reach> CountAsync(IQueryable<Guid> assignments, CancellationToken ct)
    {
        var requests = db.AcknowledgementRequests.Where(r => assignments.Contains(r.AssignmentId) && r.Status != RequestStatus.Withdrawn);
        return new Reach(
            await assignments.CountAsync(ct),
            await requests.Select(r => r.MembershipId).Distinct().CountAsync(ct),
            await requests.CountAsync(r => r.Status == RequestStatus.Open, ct),
            await requests.CountAsync(r => r.Status == RequestStatus.Acknowledged, ct));
    }
}

/// <summary>How due dates are read from a form and carried over.</summary>
public static class DueDates
{
    /// <summary>A chosen day means its end, in UTC: the whole day counts.</summary>
    public static DateTime EndOfDay(DateTime date) => DateTime.SpecifyKind(date.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc);

    /// <summary>A material change gives the new requests as much time as the old assignment gave, at least a day.</summary>
    public static DateTime CarriedOver(DateTime now, TimeSpan duration) => now + (duration < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : duration);
}
