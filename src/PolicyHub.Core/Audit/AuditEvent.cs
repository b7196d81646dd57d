using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Audit;

/// <summary>
/// One link of an organisation's hash chain. Append-only: rows are never updated or deleted.
/// <see cref="Payload"/> holds the canonical JSON bytes exactly as hashed; the other descriptive columns are
/// copies of values inside it, kept for querying (verification checks that they agree).
/// </summary>
public sealed class AuditEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long Sequence { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>Pseudonymous actor: a membership id, or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, for example "member.invited".</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required byte[] Payload { get; set; }

    /// <summary>A readable, searchable line derived from the payload (not hashed; see <see cref="AuditSummary"/>).</summary>
    public string? Summary { get; set; }

    /// <summary>The policy the event concerns, when it concerns one (copied from the payload for filtering; not hashed).</summary>
    public Guid? PolicyId { get; set; }

    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>The end of an organisation's chain. Appenders lock it (an update) to take the next sequence numbers.</summary>
public sealed class AuditChainHead : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long LastSequence { get; set; }
    public byte[] LastHash { get; set; } = new byte[32];
}
