using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

public enum PolicyAction
{
    EditDraft,
    Submit,
    Approve,
    Reject,
    Publish,
}

public enum LifecycleRefusal
{
    None,
    WrongStatus,
    WrongRole,
    /// <summary>Four-eyes approval is on and the approver wrote the version.</summary>
    OwnDraft,
    /// <summary>The text or one of its translations breaks <see cref="PolicyMarkdown"/>'s limits (saved before they existed): it must be repaired first.</summary>
    TextCannotBeRendered,
}

/// <summary>
/// The rules of a version's life: Draft → InReview → Approved → Published → Superseded/Retired, who may take
/// each step, and four-eyes approval. Pure: the workflow asks before it changes anything.
/// </summary>
public static class PolicyLifecycle
{
    public static LifecycleRefusal Check(PolicyAction action, PolicyVersion version, Membership actor, bool fourEyes)
    {
        var (from, roles) = action switch
        {
            PolicyAction.EditDraft or PolicyAction.Submit => (PolicyVersionStatus.Draft, Capabilities.AuthorPolicies),
            PolicyAction.Approve or PolicyAction.Reject => (PolicyVersionStatus.InReview, Capabilities.ReviewPolicies),
            PolicyAction.Publish => (PolicyVersionStatus.Approved, Capabilities.AuthorPolicies),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };

        if (version.Status != from)
        {
            return LifecycleRefusal.WrongStatus;
        }

        if (!actor.Has(roles))
        {
            return LifecycleRefusal.WrongRole;
        }

        if (action == PolicyAction.Approve && fourEyes && version.AuthorId == actor.Id)
        {
            return LifecycleRefusal.OwnDraft;
        }

        return LifecycleRefusal.None;
    }

    /// <summary>The status a version has after the action.</summary>
    public static PolicyVersionStatus Next(PolicyAction action) => action switch
    {
        PolicyAction.EditDraft => PolicyVersionStatus.Draft,
        PolicyAction.Submit => PolicyVersionStatus.InReview,
        PolicyAction.Approve => PolicyVersionStatus.Approved,
        PolicyAction.Reject => PolicyVersionStatus.Draft,
        PolicyAction.Publish => PolicyVersionStatus.Published,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Whether the text of a version in this status is frozen.</summary>
    public static bool IsImmutable(PolicyVersionStatus status)
        => status is PolicyVersionStatus.Published or PolicyVersionStatus.Superseded or PolicyVersionStatus.Retired;

    /// <summary>The next review: the review cycle after publication.</summary>
    public static DateTime NextReview(DateTime publishedAtUtc, int reviewCycleMonths) => publishedAtUtc.AddMonths(reviewCycleMonths);
}
