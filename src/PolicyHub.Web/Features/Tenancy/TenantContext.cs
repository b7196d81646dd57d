namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The organisation of the current request and who acts in it: a member signed in through the browser (set by
/// <see cref="TenantAccessFilter"/>) or a machine client of the API (set by Api.ApiClientAccessFilter).
/// </summary>
public sealed class TenantContext
{
    private Tenant? _tenant;
    private Membership? _membership;
    private ApiClient? _client;

    public Tenant Tenant => _tenant ?? throw new InvalidOperationException("This request is not scoped to an organisation.");

    /// <summary>The signed-in member; API requests have none.</summary>
    public Membership Membership => _membership ?? throw new InvalidOperationException("This request is not made by a member of the organisation.");

    /// <summary>The API client of a machine request; null for people.</summary>
    public ApiClient? Client => _client;

    /// <summary>The caller as the audit trail names them: a membership id, or "client:" and the API client's id (both pseudonymous).</summary>
    public string Actor => _membership?.Id.ToString() ?? _client?.Actor ?? throw new InvalidOperationException("This request is not scoped to an organisation.");

    public bool IsSet => _tenant is not null;

    internal void Set(Tenant tenant, Membership membership)
    {
        _tenant = tenant;
        _membership = membership;
    }

    internal void Set(Tenant tenant, ApiClient client)
    {
        _tenant = tenant;
        _client = client;
    }
}
