namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// Who may call an organisation-scoped action: a member holding any of the given roles, always a <see cref="Capabilities"/> entry. Every action under
/// /o/{slug} declares one (a test enforces it); without it the action answers 403.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class TenantRoleAttribute(TenantRoles anyOf) : Attribute
{
    public TenantRoles AnyOf { get; } = anyOf;
}
