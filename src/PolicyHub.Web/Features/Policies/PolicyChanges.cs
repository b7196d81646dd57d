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
    /// <param name="reviewerIds">The people named to review its versions; none: every approver.</param>
    public async Task<WorkflowResult> ChangeAsync(Guid policyId, string title, string? category, Guid ownerId, int reviewCycleMonths, Guid concurrencyStamp, IReadOnlyCollection<Guid>? reviewerIds = null)
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
                var named = await db.PolicyReviewers.Where(r => r.PolicyId == policyId).ToListAsync(ct);
                var wanted = (reviewerIds ?? []).Distinct().ToHashSet();
                var reviewersChanged = !wanted.SetEquals(named.Select(r => r.MembershipId));
                db.PolicyReviewers.RemoveRange(named.Where(r => !wanted.Contains(r.MembershipId)));
                db.PolicyReviewers.AddRange(wanted.Except(named.Select(r => r.MembershipId)).Select(m => new PolicyReviewer { PolicyId = policyId, MembershipId = m }));
                db.Audit(AuditEvents.PolicySettingsChanged(policy, ownerId, reviewCycleMonths, reviewersChanged ? wanted : null), tenant.Actor);
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

/// <summary>
/// Brings a retired policy back: it is active again and gets a draft to publish — the version still in the works if
/// there is one, else a new one from its latest text. Retired versions and their acknowledgements stay as they were;
/// "policy.reinstated" (and "policy.version_created" for a new draft) in one transaction.
/// </summary>
public sealed class ReinstatePolicy(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<(WorkflowResult Result, int Number)> ReinstateAsync(Guid policyId)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return (WorkflowResult.NotFound, 0);
        }

        if (policy.Status != PolicyStatus.Retired || !tenant.Membership.Has(Capabilities.AuthorPolicies))
        {
            return (WorkflowResult.Refused(policy.Status != PolicyStatus.Retired ? LifecycleRefusal.WrongStatus : LifecycleRefusal.WrongRole), 0);
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policyId).OrderByDescending(v => v.Number).ToListAsync();
        var open = versions.FirstOrDefault(v => v.Status is PolicyVersionStatus.Draft or PolicyVersionStatus.InReview or PolicyVersionStatus.Approved);
        var translations = open is null ? await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == versions[0].Id).ToListAsync() : [];
        var number = await db.InTransactionAsync(async ct =>
        {
            policy.Status = PolicyStatus.Active;
            policy.RetiredAt = null;
            policy.ConcurrencyStamp = Guid.NewGuid();
            var draft = open ?? StartNextVersion.AddNext(db, tenant, versions[0], translations, changeSummary: null, material: true, time.GetUtcNow().UtcDateTime);
            db.Audit(AuditEvents.PolicyReinstated(policyId, draft.Number), tenant.Actor);
            await db.SaveChangesAsync(ct);
            return draft.Number;
        });
        return (WorkflowResult.Ok, number);
    }
}
