using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Text;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A new policy with its first draft (from a template's text or blank); records "policy.created" and "policy.version_created".</summary>
public sealed class CreatePolicy(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<Policy> CreateAsync(string title, string? category, int reviewCycleMonths, string language, string markdown, string? templateKey)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policy = new Policy
        {
            Title = TextRules.NormalizeName(title)!, Category = TextRules.NormalizeName(category) ?? string.Empty, OwnerId = tenant.Membership.Id,
            ReviewCycleMonths = reviewCycleMonths, CreatedAt = now,
        };
        var version = new PolicyVersion
        {
            PolicyId = policy.Id, Number = 1, Language = language, Markdown = ContentHash.Normalize(markdown), TemplateKey = templateKey,
            AuthorId = tenant.Membership.Id, CreatedAt = now, IsMaterialChange = true,
        };
        await db.InTransactionAsync(async ct =>
        {
            db.AddRange(policy, version);
            db.Audit(AuditEvents.PolicyCreated(policy, templateKey, language), tenant.Actor);
            db.Audit(AuditEvents.FirstVersionCreated(version), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return policy;
    }
}

/// <summary>
/// Saves a draft's text, change summary and whether the change is material; a draft someone else saved meanwhile
/// (the concurrency stamp the editor was loaded with is stale) is a <see cref="WorkflowOutcome.Conflict"/>.
/// </summary>
public sealed class SaveDraft(PolicyHubDbContext db, TenantContext tenant) : IStateChange
{
    public async Task<WorkflowResult> SaveAsync(Guid policyId, int number, string markdown, string? changeSummary, bool material, Guid concurrencyStamp)
    {
        var version = await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null)
        {
            return WorkflowResult.NotFound;
        }

        var refusal = PolicyLifecycle.Check(PolicyAction.EditDraft, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        if (refusal != LifecycleRefusal.None)
        {
            return WorkflowResult.Refused(refusal);
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(version).Property(v => v.ConcurrencyStamp).OriginalValue = concurrencyStamp;
                version.Markdown = ContentHash.Normalize(markdown);
                version.ChangeSummary = string.IsNullOrWhiteSpace(changeSummary) ? null : changeSummary.Trim();
                version.IsMaterialChange = number == 1 || material;
                version.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(AuditEvents.PolicyDraftEdited(version), tenant.Actor);
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
/// Starts the next version from the latest text, its translations coming along as drafts; only one version can be
/// in the works at a time, and a retired policy gets none.
/// </summary>
public sealed class StartNextVersion(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<(WorkflowResult Result, int Number)> StartAsync(Guid policyId, string changeSummary, bool material)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return (WorkflowResult.NotFound, 0);
        }

        if (!tenant.Membership.Has(Capabilities.AuthorPolicies) || policy.Status == PolicyStatus.Retired)
        {
            return (WorkflowResult.Refused(policy.Status == PolicyStatus.Retired ? LifecycleRefusal.WrongStatus : LifecycleRefusal.WrongRole), 0);
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policyId).OrderByDescending(v => v.Number).ToListAsync();
        if (versions.Any(v => v.Status is PolicyVersionStatus.Draft or PolicyVersionStatus.InReview or PolicyVersionStatus.Approved))
        {
            return (new(WorkflowOutcome.OpenVersionExists), 0);
        }

        var latest = versions[0];
        var next = new PolicyVersion
        {
            PolicyId = policyId, Number = latest.Number + 1, Language = latest.Language, Markdown = latest.Markdown, TemplateKey = latest.TemplateKey,
            ChangeSummary = changeSummary.Trim(), IsMaterialChange = material, AuthorId = tenant.Membership.Id, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == latest.Id).ToListAsync();
        await db.InTransactionAsync(async ct =>
        {
            db.PolicyVersions.Add(next);
            // The translations come along as drafts too, to be brought in line with the new text.
            db.PolicyTranslations.AddRange(translations.Select(t => new PolicyTranslation
            {
                PolicyVersionId = next.Id, Language = t.Language, Markdown = t.Markdown, UpdatedAt = next.CreatedAt, UpdatedBy = tenant.Membership.Id,
            }));
            db.Audit(AuditEvents.NextVersionCreated(next, translations.Count), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return (WorkflowResult.Ok, next.Number);
    }
}
