namespace PolicyHub.Core.Tenancy;

public enum MembershipStatus
{
    /// <summary>Invited by email; not yet joined (nothing is bound until the person chooses Join).</summary>
    Invited = 0,
    Active = 1,
    /// <summary>Keeps their history, loses access.</summary>
    Deactivated = 2,
    /// <summary>The person declined the invitation: not a member, asked for nothing; an administrator may invite them again.</summary>
    Declined = 3,
}

/// <summary>
/// A person in an organisation. Name and email are personal data kept here (erasable); the audit trail refers
/// to the person by this row's Id only.
/// </summary>
public sealed class Membership : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The OIDC subject, bound when the person joins with a verified email; null while invited or after declining.</summary>
    public string? Subject { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-case invariant form of <see cref="Email"/>, for lookups and the per-organisation unique index.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }
    public TenantRoles Roles { get; set; }
    public Guid? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public Guid? LocationId { get; set; }
    public Location? Location { get; set; }
    /// <summary>Where overdue acknowledgements are escalated when an assignment asks for it; optional.</summary>
    public string? ManagerEmail { get; set; }

    public MembershipStatus Status { get; set; }
    public DateTime InvitedAt { get; set; }

    /// <summary>The member who sent (or last re-sent) the invitation; shown to the invited person. Null for the organisation's creator and seeded data.</summary>
    public Guid? InvitedById { get; set; }

    /// <summary>When the person declined the invitation (cleared when it is sent again).</summary>
    public DateTime? DeclinedAt { get; set; }
    public DateTime? JoinedAt { get; set; }
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>When an administrator erased the person's personal data; name and email are pseudonyms from then on.</summary>
    public DateTime? ErasedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool Has(TenantRoles role) => (Roles & role) != 0;

    /// <summary>Invited or active: the people an assignment's audience is drawn from.</summary>
    public static readonly MembershipStatus[] Reachable = [MembershipStatus.Invited, MembershipStatus.Active];

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
