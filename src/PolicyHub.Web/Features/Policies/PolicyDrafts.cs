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

/// <summary>The text of a draft as the editor posts it; <see cref="EditSession"/> identifies one opening of the editor.</summary>
public sealed record DraftText(string Markdown, string? ChangeSummary, bool Material, Guid ConcurrencyStamp, Guid? EditSession);

/// <summary>What a save came to, and when done the draft's new concurrency stamp and the time of the save.</summary>
public sealed record SavedDraft(WorkflowResult Result, Guid ConcurrencyStamp = default, DateTime SavedAt = default);

/// <summary>
/// Saves a draft's text, change summary and whether the change is material — from the editor's autosave or its
/// buttons. A draft someone else saved meanwhile (the concurrency stamp the editor holds is stale) is a
/// <see cref="WorkflowOutcome.Conflict"/> and nothing is written. One "policy.draft_edited" per editing session:
/// the first save of a session records it, the session's later autosaves do not.
/// </summary>
public sealed class SaveDraft(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<SavedDraft> SaveAsync(Guid policyId, int number, DraftText text)
    {
        var version = await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null)
        {
            return new(WorkflowResult.NotFound);
        }

        var refusal = PolicyLifecycle.Check(PolicyAction.EditDraft, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        if (refusal != LifecycleRefusal.None)
        {
            return new(WorkflowResult.Refused(refusal));
        }

        var markdown = ContentHash.Normalize(text.Markdown);
        var summary = string.IsNullOrWhiteSpace(text.ChangeSummary) ? null : text.ChangeSummary.Trim();
        var material = number == 1 || text.Material;
        if (version.Markdown == markdown && version.ChangeSummary == summary && version.IsMaterialChange == material)
        {
            // Nothing to save (an autosave after a blur, Submit for review on a saved text): nothing is written.
            return new(WorkflowResult.Ok, version.ConcurrencyStamp, version.DraftSavedAt ?? version.CreatedAt);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(version).Property(v => v.ConcurrencyStamp).OriginalValue = text.ConcurrencyStamp;
                var newSession = text.EditSession is null || version.EditSession != text.EditSession;
                version.Markdown = markdown;
                version.ChangeSummary = summary;
                version.IsMaterialChange = material;
                version.DraftSavedAt = now;
                version.DraftSavedBy = tenant.Membership.Id;
                version.EditSession = text.EditSession;
                version.ConcurrencyStamp = Guid.NewGuid();
                if (newSession)
                {
                    db.Audit(AuditEvents.PolicyDraftEdited(version), tenant.Actor);
                }

                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(new(WorkflowOutcome.Conflict));
        }

        return new(WorkflowResult.Ok, version.ConcurrencyStamp, now);
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

        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == versions[0].Id).ToListAsync();
        var questions = await db.ComprehensionQuestions.AsNoTracking().Where(q => q.PolicyVersionId == versions[0].Id).ToListAsync();
        var next = await db.InTransactionAsync(async ct =>
        {
            var added = AddNext(db, tenant, versions[0], translations, changeSummary.Trim(), material, time.GetUtcNow().UtcDateTime, questions);
            await db.SaveChangesAsync(ct);
            return added;
        });
        return (WorkflowResult.Ok, next.Number);
    }

    /// <summary>
    /// Adds the draft after <paramref name="latest"/> with its text, and its translations as drafts to be brought in
    /// line with the new text, and its comprehension questions to be revised with it, recording "policy.version_created";
    /// the caller saves in its transaction.
    /// </summary>
    internal static PolicyVersion AddNext(PolicyHubDbContext db, TenantContext tenant, PolicyVersion latest, IReadOnlyCollection<PolicyTranslation> translations,
        string? changeSummary, bool material, DateTime now, IReadOnlyCollection<ComprehensionQuestion>? questions = null)
    {
        questions ??= [];
        var next = new PolicyVersion
        {
            PolicyId = latest.PolicyId, Number = latest.Number + 1, Language = latest.Language, Markdown = latest.Markdown, TemplateKey = latest.TemplateKey,
            ChangeSummary = changeSummary, IsMaterialChange = material, AuthorId = tenant.Membership.Id, CreatedAt = now,
        };
        db.PolicyVersions.Add(next);
        db.PolicyTranslations.AddRange(translations.Select(t => new PolicyTranslation
        {
            PolicyVersionId = next.Id, Language = t.Language, Markdown = t.Markdown, UpdatedAt = now, UpdatedBy = tenant.Membership.Id,
        }));
        db.ComprehensionQuestions.AddRange(questions.Select(q => new ComprehensionQuestion
        {
            PolicyVersionId = next.Id, Position = q.Position, Text = q.Text, Options = [.. q.Options], CorrectOption = q.CorrectOption, SectionIndex = q.SectionIndex, CreatedAt = now,
        }));
        db.Audit(AuditEvents.NextVersionCreated(next, translations.Count, questions.Count), tenant.Actor);
        return next;
    }
}
