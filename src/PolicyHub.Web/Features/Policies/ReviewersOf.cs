using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// The one rule for who is asked to review a policy's versions: its named reviewers (<see cref="PolicyReviewer"/>)
/// who are still active approvers, or, when it names none, every active approver. The waiting list, the review email
/// and the reminders ask it; who may approve stays the lifecycle's rule.
/// </summary>
public static class ReviewersOf
{
    public static IQueryable<Membership> Policy(PolicyHubDbContext db, Guid policyId)
        => db.Memberships.Where(m => m.Status == MembershipStatus.Active && (m.Roles & Capabilities.ReviewPolicies) != 0
            && (!db.PolicyReviewers.Any(r => r.PolicyId == policyId) || db.PolicyReviewers.Any(r => r.PolicyId == policyId && r.MembershipId == m.Id)));

    /// <summary>Whether <paramref name="membershipId"/> is asked to review the policy: for filtering many policies in one query.</summary>
    public static IQueryable<Guid> PoliciesAsking(PolicyHubDbContext db, Guid membershipId)
        => db.Policies.Where(p => !db.PolicyReviewers.Any(r => r.PolicyId == p.Id) || db.PolicyReviewers.Any(r => r.PolicyId == p.Id && r.MembershipId == membershipId)).Select(p => p.Id);
}
