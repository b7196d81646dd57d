using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Text;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// Title, category, owner and review cycle; the next review moves with a changed cycle. A policy someone else
/// changed meanwhile is a <see cref="WorkflowOutcome.Conflict"/>.
/// </summary>
public sealed class ChangePolicySettings(PolicyHubDbContext db, TenantContext tenant) : IStateChange
{
    public async Task<WorkflowResult> ChangeAsync(Guid policyId, string title, string? category, Guid ownerId, int reviewCycleMonths, Guid concurrencyStamp)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return WorkflowResult.NotFound;
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(policy).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp;
                db.Audit(AuditEvents.PolicySettingsChanged(policy, ownerId, reviewCycleMonths), tenant.Actor);
                if (policy.ReviewCycleMonths != reviewCycleMonths)
                {
                    var lastPublished = await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.PublishedAt != null).MaxAsync(v => v.PublishedAt, ct);
                    if (lastPublished is { } published && policy.Status == PolicyStatus.Active)
                    {
                        policy.NextReviewAt = PolicyLifecycle.NextReview(published, reviewCycleMonths);
                    }
                }

                policy.Title = TextRules.NormalizeName(title)!;
                policy.Category = TextRules.NormalizeName(category) ?? string.Empty;
                policy.OwnerId = ownerId;
                policy.ReviewCycleMonths = reviewCycleMonths;
                policy.ConcurrencyStamp = Guid.NewGuid();
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(WorkflowOutcome.Conflict);
        }

        return WorkflowResult.Ok;
    }
}

/// <summary>
/// Retires a policy: its published version stops being in force, its assignments close and their open requests are
/// withdrawn (<see cref="CarryOverAssignments"/>), all in one transaction with "policy.retired".
/// </summary>
public sealed class RetirePolicy(PolicyHubDbContext db, TenantContext tenant, CarryOverAssignments carryOver, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> RetireAsync(Guid policyId)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return WorkflowResult.NotFound;
        }

        if (policy.Status == PolicyStatus.Retired || !tenant.Membership.Has(Capabilities.AuthorPolicies))
        {
            return WorkflowResult.Refused(policy.Status == PolicyStatus.Retired ? LifecycleRefusal.WrongStatus : LifecycleRefusal.WrongRole);
        }

        await db.InTransactionAsync(async ct =>
        {
            policy.Status = PolicyStatus.Retired;
            policy.RetiredAt = time.GetUtcNow().UtcDateTime;
            policy.NextReviewAt = null;
            policy.ConcurrencyStamp = Guid.NewGuid();
            foreach (var version in await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Status == PolicyVersionStatus.Published).ToListAsync(ct))
            {
                version.Status = PolicyVersionStatus.Retired;
            }

            var closed = await carryOver.CloseForRetiredPolicyAsync(policyId, ct);
            db.Audit(AuditEvents.PolicyRetired(policyId, closed.Count), tenant.Actor);
            var saved = await db.SaveChangesAsync(ct);
            await carryOver.SynchroniseAsync(closed, initial: false, ct);
            return saved;
        });
        return WorkflowResult.Ok;
    }
}
