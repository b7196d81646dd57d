namespace PolicyHub.Core.Tenancy;

/// <summary>A department of an organisation (audiences and reports group people by it).</summary>
public sealed class Department : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
}

/// <summary>A location of an organisation (audiences and reports group people by it).</summary>
public sealed class Location : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
}
