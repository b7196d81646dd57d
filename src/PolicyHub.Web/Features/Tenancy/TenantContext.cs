using PolicyHub.Core.Tenancy;

namespace PolicyHub.Web.Features.Tenancy;

/// <summary>The organisation of the current request and the caller's membership in it (set by <see cref="TenantAccessFilter"/>).</summary>
public sealed class TenantContext
{
    private Tenant? _tenant;
    private Membership? _membership;

    public Tenant Tenant => _tenant ?? throw new InvalidOperationException("This request is not scoped to an organisation.");

    public Membership Membership => _membership ?? throw new InvalidOperationException("This request is not scoped to an organisation.");

    /// <summary>The caller as the audit trail names them: their membership id (pseudonymous).</summary>
    public string Actor => Membership.Id.ToString();

    public bool IsSet => _tenant is not null;

    internal void Set(Tenant tenant, Membership membership)
    {
        _tenant = tenant;
        _membership = membership;
    }
}
