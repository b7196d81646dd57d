using PolicyHub.Core.Tenancy;

namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// Who may call an organisation-scoped action: a member holding any of the given roles. Every action under
/// /o/{slug} declares one (a test enforces it); without it the action answers 403.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class TenantRoleAttribute(TenantRoles anyOf) : Attribute
{
    public const TenantRoles AnyMember = TenantRoles.Administrator | TenantRoles.PolicyManager | TenantRoles.Approver | TenantRoles.ComplianceOfficer | TenantRoles.Employee;

    public TenantRoles AnyOf { get; } = anyOf;
}

/// <summary>The capabilities of this feature set, named once (bitwarden's "a requirement per capability").</summary>
public static class Capabilities
{
    /// <summary>Invite, import, edit and deactivate people; departments, locations, settings.</summary>
    public const TenantRoles ManageOrganisation = TenantRoles.Administrator;

    /// <summary>See the member list (HR needs it for audiences, compliance for reports).</summary>
    public const TenantRoles ViewMembers = TenantRoles.Administrator | TenantRoles.PolicyManager | TenantRoles.ComplianceOfficer;
}
