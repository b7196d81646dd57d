using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A version waiting for the signed-in reviewer: which policy, which version, who wrote it, since when.</summary>
public sealed record WaitingReview(Guid PolicyId, string Title, int Number, string Author, DateTime? SubmittedAt);

/// <summary>
/// "Waiting for your review": the versions in review that the signed-in person is asked to review (<see cref="ReviewersOf"/>)
/// and may approve — the lifecycle's own rule, so with four-eyes approval an author never sees their own version here. Oldest first.
/// </summary>
public sealed class WaitingReviews(PolicyHubDbContext db, TenantContext tenant)
{
    private IReadOnlyList<WaitingReview>? _loaded;

    public async Task<IReadOnlyList<WaitingReview>> ForMeAsync(CancellationToken ct = default)
    {
        if (_loaded is not null)
        {
            return _loaded;
        }

        if (!tenant.Membership.Has(Capabilities.ReviewPolicies))
        {
            return _loaded = [];
        }

        var asking = ReviewersOf.PoliciesAsking(db, tenant.Membership.Id);
        var rows = await (
            from v in db.PolicyVersions.AsNoTracking()
            where v.Status == PolicyVersionStatus.InReview
            join p in db.Policies on v.PolicyId equals p.Id
            where p.Status == PolicyStatus.Active && asking.Contains(p.Id)
            join m in db.Memberships on v.AuthorId equals m.Id
            orderby v.SubmittedAt
            select new { Version = v, p.Title, Author = m.DisplayName }).ToListAsync(ct);
        return _loaded = rows
            .Where(r => PolicyLifecycle.Check(PolicyAction.Approve, r.Version, tenant.Membership, tenant.Tenant.FourEyesApproval) == LifecycleRefusal.None)
            .Select(r => new WaitingReview(r.Version.PolicyId, r.Title, r.Version.Number, r.Author, r.Version.SubmittedAt))
            .ToList();
    }
}
