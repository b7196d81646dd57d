using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.ServiceDefaults.Email;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// The author hands a draft in for review (its text and translations must render); records "policy.version_submitted",
/// starts a round of the version's review thread and emails every reviewer but the author (through the outbox).
/// </summary>
public sealed class SubmitPolicyVersion(PolicyHubDbContext db, TenantContext tenant, ReviewEmails emails, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> SubmitAsync(Guid policyId, int number)
    {
        var (version, policy, result) = await ReviewStep.PrepareAsync(db, tenant, policyId, number, PolicyAction.Submit);
        if (version is null || policy is null)
        {
            return result;
        }

        await db.InTransactionAsync(async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            ReviewStep.Move(version, PolicyAction.Submit);
            version.SubmittedAt = now;
            version.RejectionReason = null;
            ReviewStep.Thread(db, tenant, version, ReviewCommentKind.Submitted, null, now);
            db.Audit(AuditEvents.PolicyVersionSubmitted(version), tenant.Actor);
            version.ReviewRemindedAt = null;
            var reviewers = await ReviewersOf.Policy(db, policyId).AsNoTracking().Where(m => m.Id != tenant.Membership.Id).ToListAsync(ct);
            foreach (var reviewer in reviewers)
            {
                db.EnqueueEmail(emails.ReviewRequested(tenant.Tenant, policy, version, reviewer, tenant.Membership.DisplayName), time);
            }

            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>
/// A reviewer approves a submitted version (with four-eyes approval, not its author), optionally with a comment;
/// records "policy.version_approved" and tells the author by email.
/// </summary>
public sealed class ApprovePolicyVersion(PolicyHubDbContext db, TenantContext tenant, ReviewEmails emails, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> ApproveAsync(Guid policyId, int number, string? comment = null)
    {
        var (version, policy, result) = await ReviewStep.PrepareAsync(db, tenant, policyId, number, PolicyAction.Approve);
        if (version is null || policy is null)
        {
            return result;
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        await db.InTransactionAsync(async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            ReviewStep.Move(version, PolicyAction.Approve);
            version.ApprovedAt = now;
            version.ApproverId = tenant.Membership.Id;
            ReviewStep.Thread(db, tenant, version, ReviewCommentKind.Approved, text, now);
            db.Audit(AuditEvents.PolicyVersionApproved(version, text), tenant.Actor);
            if (await ReviewStep.AuthorToTellAsync(db, tenant, version, ct) is { } author)
            {
                db.EnqueueEmail(emails.Approved(tenant.Tenant, policy, version, author, tenant.Membership.DisplayName, text), time);
            }

            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>
/// A reviewer sends a submitted version back to its author with what should change; records
/// "policy.version_rejected", keeps the request in the thread and tells the author by email.
/// </summary>
public sealed class ReturnPolicyVersion(PolicyHubDbContext db, TenantContext tenant, ReviewEmails emails, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> ReturnAsync(Guid policyId, int number, string reason)
    {
        var (version, policy, result) = await ReviewStep.PrepareAsync(db, tenant, policyId, number, PolicyAction.Reject);
        if (version is null || policy is null)
        {
            return result;
        }

        await db.InTransactionAsync(async ct =>
        {
            ReviewStep.Move(version, PolicyAction.Reject);
            version.RejectionReason = reason.Trim();
            version.ApproverId = tenant.Membership.Id;
            ReviewStep.Thread(db, tenant, version, ReviewCommentKind.ChangesRequested, version.RejectionReason, time.GetUtcNow().UtcDateTime);
            db.Audit(AuditEvents.PolicyVersionRejected(version), tenant.Actor);
            if (await ReviewStep.AuthorToTellAsync(db, tenant, version, ct) is { } author)
            {
                db.EnqueueEmail(emails.ChangesRequested(tenant.Tenant, policy, version, author, tenant.Membership.DisplayName, version.RejectionReason), time);
            }

            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>
/// A remark in a version's review thread, by someone who writes or reviews policies, while the version is still in
/// the works (draft, in review, approved); records "policy.review_commented" (its length, not its text).
/// </summary>
public sealed class CommentOnVersion(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> CommentAsync(Guid policyId, int number, string text)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null)
        {
            return WorkflowResult.NotFound;
        }

        if (!tenant.Membership.Has(Capabilities.DiscussReviews))
        {
            return WorkflowResult.Refused(LifecycleRefusal.WrongRole);
        }

        if (version.Status is not (PolicyVersionStatus.Draft or PolicyVersionStatus.InReview or PolicyVersionStatus.Approved))
        {
            return WorkflowResult.Refused(LifecycleRefusal.WrongStatus);
        }

        await db.InTransactionAsync(async ct =>
        {
            var comment = ReviewStep.Thread(db, tenant, version, ReviewCommentKind.Comment, text.Trim(), time.GetUtcNow().UtcDateTime);
            db.Audit(AuditEvents.PolicyReviewCommented(version, comment), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>
/// Publishes an approved version: its text and translations are frozen with their fingerprints, the version in force
/// before it is superseded, the next review is scheduled, and the policy's assignments follow the new version
/// (<see cref="CarryOverAssignments"/>: carried over or moved, then synchronised) — one transaction, with
/// "policy.version_published" and the assignments' own events. <c>dueAt</c> is the due date the publisher chose (or
/// confirmed) for the requests a material change creates; without it they get as much time as before.
/// </summary>
public sealed class PublishPolicyVersion(PolicyHubDbContext db, TenantContext tenant, CarryOverAssignments carryOver, TimeProvider time) : IStateChange
{
    public async Task<WorkflowResult> PublishAsync(Guid policyId, int number, DateTime? dueAt = null)
    {
        var (version, policy, result) = await ReviewStep.PrepareAsync(db, tenant, policyId, number, PolicyAction.Publish);
        if (version is null || policy is null)
        {
            return result;
        }

        await db.InTransactionAsync(async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            ReviewStep.Move(version, PolicyAction.Publish);
            version.Publish(now, tenant.Membership.Id);
            var translations = await db.PolicyTranslations.Where(t => t.PolicyVersionId == version.Id).ToListAsync(ct);
            foreach (var translation in translations)
            {
                translation.Publish();
            }

            foreach (var old in await db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Status == PolicyVersionStatus.Published).ToListAsync(ct))
            {
                old.Status = PolicyVersionStatus.Superseded;
                old.ConcurrencyStamp = Guid.NewGuid();
            }

            policy.NextReviewAt = PolicyLifecycle.NextReview(now, policy.ReviewCycleMonths);
            policy.ConcurrencyStamp = Guid.NewGuid();
            var questions = await db.ComprehensionQuestions.AsNoTracking().Where(q => q.PolicyVersionId == version.Id).ToListAsync(ct);
            db.Audit(AuditEvents.PolicyVersionPublished(version, translations, questions.Count == 0 ? null : ComprehensionHash.Compute(questions)), tenant.Actor);
            var carried = await carryOver.ToPublishedVersionAsync(policyId, version, now, dueAt, ct);
            var saved = await db.SaveChangesAsync(ct);
            await carryOver.SynchroniseAsync(carried, initial: true, ct);
            return saved;
        });
        return WorkflowResult.Ok;
    }
}

/// <summary>What every review step shares: the version of this organisation, the lifecycle's rules, a policy not retired, a text that renders.</summary>
internal static class ReviewStep
{
    /// <returns>The tracked version and its policy, or no version and the result to answer with.</returns>
    public static async Task<(PolicyVersion? Version, Policy? Policy, WorkflowResult Result)> PrepareAsync(
        PolicyHubDbContext db, TenantContext tenant, Guid policyId, int number, PolicyAction action)
    {
        var version = await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null)
        {
            return (null, null, WorkflowResult.NotFound);
        }

        var refusal = PolicyLifecycle.Check(action, version, tenant.Membership, tenant.Tenant.FourEyesApproval);
        if (refusal != LifecycleRefusal.None)
        {
            return (null, null, WorkflowResult.Refused(refusal));
        }

        var policy = await db.Policies.SingleAsync(p => p.Id == policyId);
        if (policy.Status == PolicyStatus.Retired)
        {
            return (null, null, WorkflowResult.Refused(LifecycleRefusal.WrongStatus));
        }

        if (action is PolicyAction.Submit or PolicyAction.Publish && !await RendersAsync(db, version))
        {
            return (null, null, WorkflowResult.Refused(LifecycleRefusal.TextCannotBeRendered));
        }

        return (version, policy, WorkflowResult.Ok);
    }

    /// <summary>Adds an entry to the version's review thread, written by the person taking the step.</summary>
    public static ReviewComment Thread(PolicyHubDbContext db, TenantContext tenant, PolicyVersion version, ReviewCommentKind kind, string? text, DateTime now)
    {
        var comment = new ReviewComment { PolicyVersionId = version.Id, AuthorId = tenant.Membership.Id, Kind = kind, Text = text ?? string.Empty, CreatedAt = now };
        db.ReviewComments.Add(comment);
        return comment;
    }

    /// <summary>The version's author, to be told of a review step — unless they took it themselves or can no longer be reached.</summary>
    public static async Task<Membership?> AuthorToTellAsync(PolicyHubDbContext db, TenantContext tenant, PolicyVersion version, CancellationToken ct)
        => version.AuthorId == tenant.Membership.Id
            ? null
            : await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == version.AuthorId && m.Status == MembershipStatus.Active, ct);

    /// <summary>The version takes the status the lifecycle gives the step.</summary>
    public static void Move(PolicyVersion version, PolicyAction action)
    {
        version.Status = PolicyLifecycle.Next(action);
        version.ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>Whether the version's text and every translation render within the limits (a draft saved before them may not).</summary>
    private static async Task<bool> RendersAsync(PolicyHubDbContext db, PolicyVersion version)
    {
        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == version.Id).Select(t => t.Markdown).ToListAsync();
        return translations.Prepend(version.Markdown).All(text => PolicyMarkdown.Check(text) == MarkdownProblem.None);
    }
}
