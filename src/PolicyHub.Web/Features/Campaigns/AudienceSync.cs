using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Web.Features.Campaigns;

public sealed record SyncResult(int Created, int Reopened, int Withdrawn);

/// <summary>
/// Keeps an assignment's requests in line with its audience, computed by one query: everyone in the audience
/// (active or invited, not deactivated) has a request; who joins or moves in later gets one with a due date of
/// their own; who leaves or is deactivated has their open request withdrawn. Acknowledged requests never change.
/// </summary>
public sealed class AudienceSync(PolicyHubDbContext db, TimeProvider time)
{

    /// <summary>The ids of the members in the assignment's audience (the union of its targets).</summary>
    public IQueryable<Guid> Audience(Assignment assignment) => AudienceMembers(assignment).Select(m => m.Id);

    /// <summary>
    /// The same rule for targets still being chosen on the assign form (nothing saved yet): everyone, or the members in
    /// any of the departments or locations, or named.
    /// </summary>
    public IQueryable<Guid> Audience(bool everyone, IReadOnlyCollection<Guid> departments, IReadOnlyCollection<Guid> locations, IReadOnlyCollection<Guid> members)
        => db.Memberships.Where(m => Membership.Reachable.Contains(m.Status)
                && (everyone || (m.DepartmentId != null && departments.Contains(m.DepartmentId.Value)) || (m.LocationId != null && locations.Contains(m.LocationId.Value)) || members.Contains(m.Id)))
            .Select(m => m.Id);

    private IQueryable<Membership> AudienceMembers(Assignment assignment)
    {
        var members = db.Memberships.Where(m => Membership.Reachable.Contains(m.Status));
        if (!assignment.Everyone)
        {
            var targets = db.AssignmentTargets.Where(t => t.AssignmentId == assignment.Id);
            members = members.Where(m =>
                targets.Any(t => t.Kind == AssignmentTargetKind.Department && t.TargetId == m.DepartmentId)
                || targets.Any(t => t.Kind == AssignmentTargetKind.Location && t.TargetId == m.LocationId)
                || targets.Any(t => t.Kind == AssignmentTargetKind.Member && t.TargetId == m.Id));
        }

        return members;
    }

    /// <summary>
    /// Brings one assignment's requests in line with its audience, in one transaction with an audit event.
    /// <paramref name="initial"/>: the first run at publication, when everyone gets the assignment's due date.
    /// Most rounds find nothing to do: that is found out with two reads, before taking the database's write lock.
    /// </summary>
    public async Task<SyncResult> SyncAsync(Guid assignmentId, string actor, bool initial = false, CancellationToken cancellationToken = default)
    {
        if (!initial)
        {
            var assignment = await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId, cancellationToken);
            if ((await DifferenceAsync(assignment, cancellationToken)).IsEmpty)
            {
                return new SyncResult(0, 0, 0);
            }
        }

        return await db.InTransactionAsync(ct => ApplyAsync(assignmentId, actor, initial, ct), cancellationToken);
    }

    /// <summary>The same, inside a transaction the caller already opened (publishing creates and fills an assignment at once).</summary>
    public async Task<SyncResult> ApplyAsync(Guid assignmentId, string actor, bool initial, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId, ct);
        var difference = await DifferenceAsync(assignment, ct);
        if (difference.IsEmpty)
        {
            return new SyncResult(0, 0, 0);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lateDue = now.AddDays(assignment.LateJoinerDays) > assignment.DueAt ? now.AddDays(assignment.LateJoinerDays) : assignment.DueAt;
        var alreadyAcknowledged = difference.Missing.Count + difference.Returning.Count > 0
            ? await AlreadyAcknowledgedAsync(assignment, ct)
            : new Dictionary<Guid, (Guid Id, DateTime At)>();

        // Asked again for a text they already acknowledged (another assignment, a minor change): that still counts.
        void CountEarlierAcknowledgement(AcknowledgementRequest request)
        {
            if (alreadyAcknowledged.TryGetValue(request.MembershipId, out var given))
            {
                request.Status = RequestStatus.Acknowledged;
                request.AcknowledgementId = given.Id;
                request.AcknowledgedAt = given.At;
                request.NextReminderAt = null;
            }
        }

        foreach (var memberId in difference.Missing)
        {
            var units = difference.Audience[memberId];
            var request = new AcknowledgementRequest
            {
                AssignmentId = assignmentId, PolicyVersionId = assignment.PolicyVersionId, MembershipId = memberId,
                DepartmentId = units.DepartmentId, LocationId = units.LocationId,
                DueAt = initial ? assignment.DueAt : lateDue, CreatedAt = now, Status = RequestStatus.Open,
                NextReminderAt = now, // the scheduler's next round tells them (bundled with anything else they have open)
            };
            db.AcknowledgementRequests.Add(request);
            CountEarlierAcknowledgement(request);
        }

        // Only the requests that change are loaded for writing: withdrawn ones coming back, open ones leaving.
        var statuses = new List<RequestStatus>();
        if (difference.Returning.Count > 0)
        {
            statuses.Add(RequestStatus.Withdrawn);
        }

        if (difference.Leaving.Count > 0)
        {
            statuses.Add(RequestStatus.Open);
        }

        var changing = statuses.Count == 0
            ? new List<AcknowledgementRequest>()
            : await db.AcknowledgementRequests.Where(r => r.AssignmentId == assignmentId && statuses.Contains(r.Status)).ToListAsync(ct);
        int reopened = 0, withdrawn = 0;
        foreach (var request in changing)
        {
            if (request.Status == RequestStatus.Withdrawn && difference.Returning.Contains(request.MembershipId))
            {
                var units = difference.Audience[request.MembershipId];
                request.Status = RequestStatus.Open;
                request.WithdrawnAt = null;
                (request.DepartmentId, request.LocationId) = (units.DepartmentId, units.LocationId);
                request.DueAt = lateDue;
                request.NextReminderAt = now;
                CountEarlierAcknowledgement(request);
                reopened++;
            }
            else if (request.Status == RequestStatus.Open && difference.Leaving.Contains(request.MembershipId))
            {
                request.Status = RequestStatus.Withdrawn;
                request.WithdrawnAt = now;
                withdrawn++;
            }
        }

        var created = difference.Missing.Count;
        db.Audit(Core.Audit.AuditEvents.AssignmentSynchronised(assignment, created, reopened, withdrawn, initial), actor);
        await db.SaveChangesAsync(ct);
        return new SyncResult(created, reopened, withdrawn);
    }

    /// <summary>
    /// Who is in the audience without a request, who is back in it with a withdrawn one, and whose open request
    /// belongs to someone no longer in it: the audience's members and the requests' people and statuses, read without tracking.
    /// </summary>
    private async Task<AudienceDifference> DifferenceAsync(Assignment assignment, CancellationToken ct)
    {
        var audience = assignment.Status == AssignmentStatus.Active
            ? await AudienceMembers(assignment).Select(m => new MemberUnits(m.Id, m.DepartmentId, m.LocationId)).ToDictionaryAsync(m => m.Id, ct)
            : new Dictionary<Guid, MemberUnits>();
        var existing = await db.AcknowledgementRequests.AsNoTracking().Where(r => r.AssignmentId == assignment.Id)
            .Select(r => new { r.MembershipId, r.Status }).ToDictionaryAsync(r => r.MembershipId, r => r.Status, ct);
        return new AudienceDifference(
            audience,
            [.. audience.Keys.Where(id => !existing.ContainsKey(id))],
            [.. audience.Keys.Where(id => existing.TryGetValue(id, out var status) && status == RequestStatus.Withdrawn)],
            [.. existing.Where(r => r.Value == RequestStatus.Open && !audience.ContainsKey(r.Key)).Select(r => r.Key)]);
    }

    /// <summary>The audience members who already acknowledged this assignment's text (or a version it counts for).</summary>
    private async Task<Dictionary<Guid, (Guid Id, DateTime At)>> AlreadyAcknowledgedAsync(Assignment assignment, CancellationToken ct)
    {
        var published = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == assignment.PolicyId && v.PublishedAt != null)
            .Select(v => new PublishedVersion(v.Id, v.Number, v.IsMaterialChange)).ToListAsync(ct);
        var sameText = AcknowledgementValidity.SameText(published, assignment.PolicyVersionId);
        var given = await db.Acknowledgements.AsNoTracking().Where(a => sameText.Contains(a.PolicyVersionId))
            .Where(a => Audience(assignment).Contains(a.MembershipId))
            .Select(a => new { a.MembershipId, a.Id, a.AcknowledgedAt }).ToListAsync(ct);
        return given.GroupBy(a => a.MembershipId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.AcknowledgedAt).Select(a => (a.Id, a.AcknowledgedAt)).First());
    }

    private sealed record MemberUnits(Guid Id, Guid? DepartmentId, Guid? LocationId);

    private sealed record AudienceDifference(Dictionary<Guid, MemberUnits> Audience, List<Guid> Missing, HashSet<Guid> Returning, HashSet<Guid> Leaving)
    {
        public bool IsEmpty => Missing.Count + Returning.Count + Leaving.Count == 0;
    }
}
