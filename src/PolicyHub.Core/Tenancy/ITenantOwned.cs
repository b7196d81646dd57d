namespace PolicyHub.Core.Tenancy;

/// <summary>
/// A row that belongs to one organisation. The DbContext filters such rows to the current tenant and refuses
/// to save one of another (or no) tenant; the cross-tenant tests enumerate every implementation.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
