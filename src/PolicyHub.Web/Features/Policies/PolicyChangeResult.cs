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

/// <summary>
/// What a change to a policy or one of its versions came to. The lifecycle rules come from
/// <see cref="Core.Policies.PolicyLifecycle"/>; the immutability of published text is enforced by the DbContext.
/// </summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, Core.Policies.LifecycleRefusal Refusal = Core.Policies.LifecycleRefusal.None)
{
    public static readonly WorkflowResult Ok = new(WorkflowOutcome.Done);

    public static readonly WorkflowResult NotFound = new(WorkflowOutcome.NotFound);

    public static WorkflowResult Refused(Core.Policies.LifecycleRefusal refusal) => new(WorkflowOutcome.Refused, refusal);
}
