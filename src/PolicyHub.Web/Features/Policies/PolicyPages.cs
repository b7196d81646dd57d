using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>What the policy pages share: the message for a refused workflow step, and the text to show for a version.</summary>
public static class PolicyPages
{
    public static string RefusalMessage(IStringLocalizer<SharedResource> l, WorkflowResult result) => (result.Outcome, result.Refusal) switch
    {
        (WorkflowOutcome.OpenVersionExists, _) => l["Finish or publish the version in progress before starting another."],
        (_, LifecycleRefusal.OwnDraft) => l["Four-eyes approval is on: someone other than the author must approve this version."],
        (_, LifecycleRefusal.WrongRole) => l["Your roles do not allow this step."],
        (_, LifecycleRefusal.TextCannotBeRendered) => l["The text or one of its translations cannot be shown: it is too long, nested too deeply or contains control characters. Open the draft to see why and repair it."],
        _ => l["This step is not possible in the version's current state."],
    };

    /// <summary>The HTML made when the text was published, or the text rendered now (a draft, which may break the limits).</summary>
    public static MarkdownRendering Rendered(string? html, string markdown) => html is not null ? new(html, MarkdownProblem.None) : PolicyMarkdown.Render(markdown);
}
