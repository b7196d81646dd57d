using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;

namespace PolicyHub.Web.Features.Policies;

/// <summary>Adds or replaces the translation of a draft into another supported language; records "policy.translation_saved".</summary>
public sealed class SavePolicyTranslation(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> SaveAsync(Guid policyId, int number, string language, string markdown)
    {
        var (version, refusal) = await TranslatableDraft.FindAsync(db, tenant, policyId, number, language);
        if (version is null)
        {
            return WorkflowResult.NotFound;
        }

        if (refusal != LifecycleRefusal.None)
        {
            return WorkflowResult.Refused(refusal);
        }

        await db.InTransactionAsync(async ct =>
        {
            var translation = await db.PolicyTranslations.SingleOrDefaultAsync(t => t.PolicyVersionId == version.Id && t.Language == language, ct);
            if (translation is null)
            {
                translation = new PolicyTranslation { PolicyVersionId = version.Id, Language = language };
                db.PolicyTranslations.Add(translation);
            }

            translation.Markdown = ContentHash.Normalize(markdown);
            translation.UpdatedAt = time.GetUtcNow().UtcDateTime;
            translation.UpdatedBy = tenant.Membership.Id;
            translation.ConcurrencyStamp = Guid.NewGuid();
            db.Audit(AuditEvents.PolicyTranslationSaved(version, translation), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>Removes a draft's translation; records "policy.translation_deleted".</summary>
public sealed class DeletePolicyTranslation(PolicyHubDbContext db, TenantContext tenant) : IStateChange
{
    public async Task<WorkflowResult> DeleteAsync(Guid policyId, int number, string language)
    {
        var (version, refusal) = await TranslatableDraft.FindAsync(db, tenant, policyId, number, language);
        var translation = version is null ? null : await db.PolicyTranslations.SingleOrDefaultAsync(t => t.PolicyVersionId == version.Id && t.Language == language);
        if (version is null || translation is null)
        {
            return WorkflowResult.NotFound;
        }

        if (refusal != LifecycleRefusal.None)
        {
            return WorkflowResult.Refused(refusal);
        }

        await db.InTransactionAsync(async ct =>
        {
            db.PolicyTranslations.Remove(translation);
            db.Audit(AuditEvents.PolicyTranslationDeleted(version, language), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>The rule both translation changes share: translations follow the draft's rules.</summary>
internal static class TranslatableDraft
{
    /// <summary>A draft of this organisation, and a supported language other than its own (else no version: 404).</summary>
    public static async Task<(PolicyVersion? Version, LifecycleRefusal Refusal)> FindAsync(PolicyHubDbContext db, TenantContext tenant, Guid policyId, int number, string language)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null || !BuiltInTemplates.Languages.Contains(language) || language == version.Language)
        {
            return (null, LifecycleRefusal.None);
        }

        var retired = await db.Policies.AnyAsync(p => p.Id == policyId && p.Status == PolicyStatus.Retired);
        var refusal = retired ? LifecycleRefusal.WrongStatus : PolicyLifecycle.Check(PolicyAction.EditDraft, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        return (version, refusal);
    }
}
