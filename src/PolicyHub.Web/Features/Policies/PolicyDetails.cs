namespace PolicyHub.Web.Features.Policies;

/// <summary>The policy page's read model: the policy, its versions, the people named on them, its assignments with their counts.</summary>
public sealed class PolicyDetails(PolicyHubDbContext db, TenantContext tenant)
{
    public async Task<PolicyDetailsModel?> LoadAsync(Guid id, CancellationToken ct)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return null;
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var ids = versions.SelectMany(v => new[] { v.AuthorId, v.ApproverId, v.PublisherId }).Append(policy.OwnerId).OfType<Guid>().Distinct().ToList();
        var people = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        // Counts per assignment and status in one grouped query (no per-person work).
        var counts = await db.AcknowledgementRequests.AsNoTracking()
            .Where(r => db.Assignments.Any(a => a.Id == r.AssignmentId && a.PolicyId == id))
            .GroupBy(r => new { r.AssignmentId, r.Status }).Select(g => new { g.Key.AssignmentId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var assignments = (await db.Assignments.AsNoTracking().Where(a => a.PolicyId == id).OrderByDescending(a => a.CreatedAt)
                .Select(a => new { a.Id, a.PolicyVersionId, a.Everyone, Targets = a.Targets.Count, a.DueAt, a.Status }).ToListAsync(ct))
            .Select(a => new AssignmentRow(a.Id, versions.FirstOrDefault(v => v.Id == a.PolicyVersionId)?.Number ?? 0, a.Everyone, a.Targets, a.DueAt, a.Status,
                Count(a.Id, Core.Acknowledgements.RequestStatus.Open), Count(a.Id, Core.Acknowledgements.RequestStatus.Acknowledged), Count(a.Id, Core.Acknowledgements.RequestStatus.Withdrawn)))
            .ToList();
        return new PolicyDetailsModel(policy, versions, people, tenant.Tenant.FourEyesApproval, assignments);

        int Count(Guid assignment, Core.Acknowledgements.RequestStatus status)
            => counts.Where(c => c.AssignmentId == assignment && c.Status == status).Sum(c => c.Count);
    }
}
