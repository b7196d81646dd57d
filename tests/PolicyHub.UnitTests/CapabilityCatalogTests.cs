using System.Text.RegularExpressions;

namespace PolicyHub.UnitTests;

/// <summary>
/// One capability catalog: role combinations are declared only in Core's <c>Capabilities</c>, and every
/// <c>[TenantRole(…)]</c> names one of its entries — so who may do what is read and changed in one file.
/// </summary>
public sealed partial class CapabilityCatalogTests
{
    private const string Catalog = "src/PolicyHub.Core/Tenancy/Capabilities.cs";

    [GeneratedRegex(@"\bconst\s+(Core\.Tenancy\.)?TenantRoles\b")]
    private static partial Regex RoleConstant();

    [GeneratedRegex(@"\[TenantRole\((?!Capabilities\.\w+\)\])[^\]]*\]")]
    private static partial Regex TenantRoleWithoutCapability();

    [Fact]
    public void RoleCombinations_AreDeclaredOnlyInTheCatalog_AndEveryTenantRoleNamesOne()
    {
        var offenders = Sources().Where(f => f != Catalog).SelectMany(f => Offenders(f, File.ReadAllText(RepositoryFiles.Path(f)))).ToList();

        Assert.True(offenders.Count == 0, "Name the capability in Core/Tenancy/Capabilities.cs and use it:\n" + string.Join('\n', offenders));
        Assert.Contains("ManagePeople", File.ReadAllText(RepositoryFiles.Path(Catalog)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public const TenantRoles Readers = TenantRoles.ComplianceOfficer | TenantRoles.Administrator;")]
    [InlineData("[TenantRole(TenantRoles.Administrator)]")]
    [InlineData("[TenantRole(PolicyLifecycle.Authors | TenantRoles.Approver)]")]
    public void Offenders_APlantedRoleConstant_IsFound(string line)
        => Assert.NotEmpty(Offenders("src/PolicyHub.Web/Features/Policies/PlantedController.cs", line));

    [Fact]
    public void Offenders_ACapability_IsFine()
        => Assert.Empty(Offenders("src/PolicyHub.Web/Features/Policies/PlantedController.cs", "[TenantRole(Capabilities.AuthorPolicies)]"));

    private static IEnumerable<string> Offenders(string file, string text)
        => RoleConstant().Matches(text).Concat(TenantRoleWithoutCapability().Matches(text)).Select(m => $"{file}: {m.Value}");

    private static IEnumerable<string> Sources()
        => Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations.", StringComparison.Ordinal));
}
