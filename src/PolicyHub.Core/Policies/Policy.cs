using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

public enum PolicyStatus
{
    Active = 0,
    /// <summary>No longer in force; its versions and their acknowledgements stay as evidence.</summary>
    Retired = 1,
}

/// <summary>A policy of an organisation (for example its social media guidelines), revised over the years as versions.</summary>
public sealed class Policy : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Title { get; set; }
    public required string Category { get; set; }

    /// <summary>The membership responsible for the policy (pseudonymous in the audit trail).</summary>
    public Guid OwnerId { get; set; }

    /// <summary>How often the policy is reviewed; the next review date follows from the last publication.</summary>
    public int ReviewCycleMonths { get; set; } = 12;

    public DateTime? NextReviewAt { get; set; }
    public PolicyStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>
/// A person named to review a policy's versions. A policy without any is reviewed by every approver; with some, only
/// they are asked (the waiting list, the emails, the reminders). Who may approve stays the lifecycle's rule.
/// </summary>
public sealed class PolicyReviewer : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyId { get; set; }
    public Guid MembershipId { get; set; }
}
