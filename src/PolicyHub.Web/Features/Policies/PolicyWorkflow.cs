using PolicyHub.Core.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Campaigns;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Policies;

public enum WorkflowOutcome
{
    Done,
    NotFound,
    Refused,
    /// <summary>Someone else saved the draft meanwhile.</summary>
    Conflict,
    /// <summary>A new version cannot start while another is still being worked on.</summary>
    OpenVersionExists,
}

public sealed record WorkflowResult(WorkflowOutcome Outcome, LifecycleRefusal Refusal = LifecycleRefusal.None)
{
    public static readonly WorkflowResult Ok = new(WorkflowOutcome.Done);
}

/// <summary>
/// Every change to policies and their versions, each in one transaction with its audit event. The lifecycle
/// rules come from <see cref="PolicyLifecycle"/>; the immutability of published text is enforced by the DbContext.
/// </summary>
public sealed class PolicyWorkflow(PolicyHubDbContext db, TenantContext tenant, CarryOverAssignments carryOver, TimeProvider time) : IStateChange
{
    public async Task<Policy> CreateAsync(string title, string? category, int reviewCycleMonths, string language, string markdown, string? templateKey)
    {
        var now = Now();
        var policy = new Policy
        {
            Title = TextRules.NormalizeName(title)!, Category = TextRules.NormalizeName(category) ?? string.Empty, OwnerId = tenant.Membership.Id, ReviewCycleMonths = reviewCycleMonths, CreatedAt = now,
        };
        var version = new PolicyVersion
        {
            PolicyId = policy.Id, Number = 1, Language = language, Markdown = ContentHash.Normalize(markdown), TemplateKey = templateKey,
            AuthorId = tenant.Membership.Id, CreatedAt = now, IsMaterialChange = true,
        };
        await db.InTransactionAsync(async ct =>
        {
            db.AddRange(policy, version);
            db.Audit(PolicyAuditActions.Created, nameof(Policy), policy.Id.ToString(), tenant.Actor,
                new JsonObject { ["template"] = templateKey, ["language"] = language, ["reviewCycleMonths"] = reviewCycleMonths });
            db.Audit(PolicyAuditActions.VersionCreated, nameof(PolicyVersion), version.Id.ToString(), tenant.Actor,
                new JsonObject { ["policy"] = policy.Id.ToString(), ["number"] = 1 });
            return await db.SaveChangesAsync(ct);
        });
        return policy;
    }

    public async Task<WorkflowResult> SaveDraftAsync(Guid policyId, int number, string markdown, string? changeSummary, bool material, Guid concurrencyStamp)
    {
        var version = await FindAsync(policyId, number);
        if (version is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        var refusal = PolicyLifecycle.Check(PolicyAction.EditDraft, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        if (refusal != LifecycleRefusal.None)
        {
            return new(WorkflowOutcome.Refused, refusal);
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
                db.Audit(PolicyAuditActions.DraftEdited, nameof(PolicyVersion), version.Id.ToString(), tenant.Actor,
                    new JsonObject { ["policy"] = policyId.ToString(), ["number"] = number, ["length"] = version.Markdown.Length });
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(WorkflowOutcome.Conflict);
        }

        return WorkflowResult.Ok;
    }

    public async Task<WorkflowResult> TransitionAsync(Guid policyId, int number, PolicyAction action, string? reason = null)
    {
        var version = await FindAsync(policyId, number);
        if (version is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        var refusal = PolicyLifecycle.Check(action, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        if (refusal != LifecycleRefusal.None)
        {
            return new(WorkflowOutcome.Refused, refusal);
        }

        var policy = await db.Policies.SingleAsync(p => p.Id == policyId);
        if (policy.Status == PolicyStatus.Retired)
        {
            return new(WorkflowOutcome.Refused, LifecycleRefusal.WrongStatus);
        }

        if (action is PolicyAction.Submit or PolicyAction.Publish && !await RendersAsync(version))
        {
            return new(WorkflowOutcome.Refused, LifecycleRefusal.TextCannotBeRendered);
        }

        await db.InTransactionAsync(async ct =>
        {
            var now = Now();
            var data = new JsonObject { ["policy"] = policyId.ToString(), ["number"] = number };
            version.Status = PolicyLifecycle.Next(action);
            version.ConcurrencyStamp = Guid.NewGuid();
            switch (action)
            {
                case PolicyAction.Submit:
                    version.SubmittedAt = now;
                    version.RejectionReason = null;
                    break;
                case PolicyAction.Approve:
                    version.ApprovedAt = now;
                    version.ApproverId = tenant.Membership.Id;
                    break;
                case PolicyAction.Reject:
                    version.RejectionReason = reason?.Trim();
                    version.ApproverId = tenant.Membership.Id;
                    data["reason"] = version.RejectionReason;
                    break;
                case PolicyAction.Publish:
                    version.Publish(now, tenant.Membership.Id);
                    data["contentHash"] = Convert.ToHexStringLower(version.ContentHash!);
                    data["material"] = version.IsMaterialChange;
                    var translations = await db.PolicyTranslations.Where(t => t.PolicyVersionId == version.Id).ToListAsync(ct);
                    var hashes = new JsonObject();
                    foreach (var translation in translations)
                    {
                        translation.Publish();
                        hashes[translation.Language] = Convert.ToHexStringLower(translation.ContentHash!);
                    }

                    data["translations"] = hashes;
                    var previous = await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Status == PolicyVersionStatus.Published).ToListAsync(ct);
                    foreach (var old in previous)
                    {
                        old.Status = PolicyVersionStatus.Superseded;
                        old.ConcurrencyStamp = Guid.NewGuid();
                    }

                    policy.NextReviewAt = PolicyLifecycle.NextReview(now, policy.ReviewCycleMonths);
                    policy.ConcurrencyStamp = Guid.NewGuid();
                    break;
            }

            db.Audit(PolicyAuditActions.For(action), nameof(PolicyVersion), version.Id.ToString(), tenant.Actor, data);
            var carried = action == PolicyAction.Publish ? await carryOver.ToPublishedVersionAsync(policyId, version, now, ct) : [];
            var saved = await db.SaveChangesAsync(ct);
            await carryOver.SynchroniseAsync(carried, initial: true, ct);
            return saved;
        });
        return WorkflowResult.Ok;
    }

    /// <summary>Whether the version's text and every translation render within the limits (a draft saved before them may not).</summary>
    private async Task<bool> RendersAsync(PolicyVersion version)
    {
        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == version.Id).Select(t => t.Markdown).ToListAsync();
        return translations.Prepend(version.Markdown).All(text => PolicyMarkdown.Check(text) == MarkdownProblem.None);
    }

    /// <summary>Adds or replaces the translation of a draft into another supported language.</summary>
    public async Task<WorkflowResult> SaveTranslationAsync(Guid policyId, int number, string language, string markdown)
    {
        var (version, refusal) = await TranslatableAsync(policyId, number, language);
        if (version is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        if (refusal != LifecycleRefusal.None)
        {
            return new(WorkflowOutcome.Refused, refusal);
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
            translation.UpdatedAt = Now();
            translation.UpdatedBy = tenant.Membership.Id;
            translation.ConcurrencyStamp = Guid.NewGuid();
            db.Audit(PolicyAuditActions.TranslationSaved, nameof(PolicyVersion), version.Id.ToString(), tenant.Actor,
                new JsonObject { ["policy"] = policyId.ToString(), ["number"] = number, ["language"] = language, ["length"] = translation.Markdown.Length });
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }

    public async Task<WorkflowResult> DeleteTranslationAsync(Guid policyId, int number, string language)
    {
        var (version, refusal) = await TranslatableAsync(policyId, number, language);
        var translation = version is null ? null : await db.PolicyTranslations.SingleOrDefaultAsync(t => t.PolicyVersionId == version.Id && t.Language == language);
        if (version is null || translation is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        if (refusal != LifecycleRefusal.None)
        {
            return new(WorkflowOutcome.Refused, refusal);
        }

        await db.InTransactionAsync(async ct =>
        {
            db.PolicyTranslations.Remove(translation);
            db.Audit(PolicyAuditActions.TranslationDeleted, nameof(PolicyVersion), version.Id.ToString(), tenant.Actor,
                new JsonObject { ["policy"] = policyId.ToString(), ["number"] = number, ["language"] = language });
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }

    /// <summary>A draft of this organisation in another supported language than its own; translations follow the draft's rules.</summary>
    private async Task<(PolicyVersion? Version, LifecycleRefusal Refusal)> TranslatableAsync(Guid policyId, int number, string language)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null || !Core.Templates.BuiltInTemplates.Languages.Contains(language) || language == version.Language)
        {
            return (null, LifecycleRefusal.None);
        }

        var retired = await db.Policies.AnyAsync(p => p.Id == policyId && p.Status == PolicyStatus.Retired);
        var refusal = retired ? LifecycleRefusal.WrongStatus : PolicyLifecycle.Check(PolicyAction.EditDraft, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        return (version, refusal);
    }

    /// <summary>Starts the next version from the latest text; only one version can be in the works at a time.</summary>
    public async Task<(WorkflowResult Result, int Number)> NewVersionAsync(Guid policyId, string changeSummary, bool material)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return (new(WorkflowOutcome.NotFound), 0);
        }

        if (!tenant.Membership.Has(Capabilities.AuthorPolicies) || policy.Status == PolicyStatus.Retired)
        {
            return (new(WorkflowOutcome.Refused, policy.Status == PolicyStatus.Retired ? LifecycleRefusal.WrongStatus : LifecycleRefusal.WrongRole), 0);
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
            ChangeSummary = changeSummary.Trim(), IsMaterialChange = material, AuthorId = tenant.Membership.Id, CreatedAt = Now(),
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
            db.Audit(PolicyAuditActions.VersionCreated, nameof(PolicyVersion), next.Id.ToString(), tenant.Actor,
                new JsonObject { ["policy"] = policyId.ToString(), ["number"] = next.Number, ["material"] = material, ["translations"] = translations.Count });
            return await db.SaveChangesAsync(ct);
        });
        return (WorkflowResult.Ok, next.Number);
    }

    /// <summary>Title, category, owner and review cycle; the next review moves with a changed cycle.</summary>
    public async Task<WorkflowResult> UpdateSettingsAsync(Guid policyId, string title, string? category, Guid ownerId, int reviewCycleMonths, Guid concurrencyStamp)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(policy).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp;
                var changes = new JsonObject();
                if (policy.OwnerId != ownerId)
                {
                    changes["owner"] = ownerId.ToString();
                }

                if (policy.ReviewCycleMonths != reviewCycleMonths)
                {
                    changes["reviewCycleMonths"] = reviewCycleMonths;
                    var lastPublished = await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.PublishedAt != null)
                        .MaxAsync(v => v.PublishedAt, ct);
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
                db.Audit(PolicyAuditActions.SettingsChanged, nameof(Policy), policyId.ToString(), tenant.Actor, changes);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(WorkflowOutcome.Conflict);
        }

        return WorkflowResult.Ok;
    }

    public async Task<WorkflowResult> RetireAsync(Guid policyId)
    {
        var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId);
        if (policy is null)
        {
            return new(WorkflowOutcome.NotFound);
        }

        if (policy.Status == PolicyStatus.Retired || !tenant.Membership.Has(Capabilities.AuthorPolicies))
        {
            return new(WorkflowOutcome.Refused, policy.Status == PolicyStatus.Retired ? LifecycleRefusal.WrongStatus : LifecycleRefusal.WrongRole);
        }

        await db.InTransactionAsync(async ct =>
        {
            var now = Now();
            policy.Status = PolicyStatus.Retired;
            policy.RetiredAt = now;
            policy.NextReviewAt = null;
            policy.ConcurrencyStamp = Guid.NewGuid();
            foreach (var version in await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Status == PolicyVersionStatus.Published).ToListAsync(ct))
            {
                version.Status = PolicyVersionStatus.Retired;
            }

            // A retired policy asks nobody any more: its assignments close and open requests are withdrawn.
            var closed = await carryOver.CloseForRetiredPolicyAsync(policyId, ct);
            db.Audit(PolicyAuditActions.Retired, nameof(Policy), policyId.ToString(), tenant.Actor, new JsonObject { ["closedAssignments"] = closed.Count });
            var saved = await db.SaveChangesAsync(ct);
            await carryOver.SynchroniseAsync(closed, initial: false, ct);
            return saved;
        });
        return WorkflowResult.Ok;
    }

    private Task<PolicyVersion?> FindAsync(Guid policyId, int number)
        => db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

/// <summary>The audit actions of policies (documented in docs/audit-verification.md).</summary>
public static class PolicyAuditActions
{
    public const string Created = Core.Audit.AuditEvents.PolicyCreated;
    public const string VersionCreated = Core.Audit.AuditEvents.PolicyVersionCreated;
    public const string DraftEdited = Core.Audit.AuditEvents.PolicyDraftEdited;
    public const string Retired = Core.Audit.AuditEvents.PolicyRetired;
    public const string SettingsChanged = Core.Audit.AuditEvents.PolicySettingsChanged;
    public const string TranslationSaved = Core.Audit.AuditEvents.PolicyTranslationSaved;
    public const string TranslationDeleted = Core.Audit.AuditEvents.PolicyTranslationDeleted;

    public const string VersionSubmitted = Core.Audit.AuditEvents.PolicyVersionSubmitted;
    public const string VersionApproved = Core.Audit.AuditEvents.PolicyVersionApproved;
    public const string VersionRejected = Core.Audit.AuditEvents.PolicyVersionRejected;
    public const string VersionPublished = Core.Audit.AuditEvents.PolicyVersionPublished;

    public static string For(PolicyAction action) => action switch
    {
        PolicyAction.Submit => VersionSubmitted,
        PolicyAction.Approve => VersionApproved,
        PolicyAction.Reject => VersionRejected,
        PolicyAction.Publish => VersionPublished,
        _ => DraftEdited,
    };
}
