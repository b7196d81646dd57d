namespace PolicyHub.Core.Tenancy;

/// <summary>What a member may do in an organisation. A person may hold several roles.</summary>
[Flags]
public enum TenantRoles
{
    None = 0,
    Administrator = 1,
    PolicyManager = 2,
    Approver = 4,
    ComplianceOfficer = 8,
    Employee = 16,
}

public static class TenantRoleList
{
    /// <summary>Every single role, in the order pages show them.</summary>
    public static readonly IReadOnlyList<TenantRoles> All =
        [TenantRoles.Administrator, TenantRoles.PolicyManager, TenantRoles.Approver, TenantRoles.ComplianceOfficer, TenantRoles.Employee];

    public static IEnumerable<TenantRoles> Split(TenantRoles roles) => All.Where(r => roles.HasFlag(r));

    /// <summary>Parses "Administrator; PolicyManager" (also with commas or "|"); unknown names come back in <paramref name="unknown"/>.</summary>
    public static TenantRoles Parse(string? text, out IReadOnlyList<string> unknown)
    {
        var roles = TenantRoles.None;
        var bad = new List<string>();
        foreach (var part in (text ?? string.Empty).Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = part.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (Enum.TryParse<TenantRoles>(name, ignoreCase: true, out var role) && role != TenantRoles.None && All.Contains(role))
            {
                roles |= role;
            }
            else
            {
                bad.Add(part);
            }
        }

        unknown = bad;
        return roles;
    }
}
