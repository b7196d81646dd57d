namespace PolicyHub.Core.Tenancy;

/// <summary>
/// A machine client of the auth service (client credentials) that an administrator allowed to read this
/// organisation's compliance exports through the API. The auth service issues the client and its secret; the
/// organisation decides what it may read. A client id serves one organisation at a time.
/// </summary>
public sealed class ApiClient : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The client id registered at the auth service (the token's subject).</summary>
    public required string ClientId { get; set; }

    /// <summary>What the client is for, for example "Audit archive".</summary>
    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The membership that allowed it.</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>Set when the access was withdrawn; its tokens are refused from then on.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>How the audit trail names the client as an actor.</summary>
    public string Actor => ActorPrefix + Id;

    public const string ActorPrefix = "client:";
}
