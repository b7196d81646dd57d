using System.Xml.Linq;

namespace PolicyHub.UnitTests;

/// <summary>Dependencies point inwards: tools and lower layers never reference the Web app.</summary>
public sealed class DependencyTests
{
    [Theory]
    [InlineData("src/PolicyHub.DataGenerator/PolicyHub.DataGenerator.csproj")]
    [InlineData("src/PolicyHub.Data/PolicyHub.Data.csproj")]
    [InlineData("src/PolicyHub.Core/PolicyHub.Core.csproj")]
    [InlineData("src/PolicyHub.Demo/PolicyHub.Demo.csproj")]
    public void Project_DoesNotReferenceTheWebApp(string project)
    {
        var references = References(File.ReadAllText(RepositoryFiles.Path(project)));

        Assert.DoesNotContain(references, r => r.EndsWith("PolicyHub.Web.csproj", StringComparison.Ordinal));
    }

    /// <summary>A service gets the provider migrations through PolicyHub.Data.Providers; it never names one itself.</summary>
    [Theory]
    [InlineData("src/PolicyHub.Web/PolicyHub.Web.csproj")]
    [InlineData("src/PolicyHub.Identity/PolicyHub.Identity.csproj")]
    [InlineData("src/PolicyHub.DataGenerator/PolicyHub.DataGenerator.csproj")]
    public void Service_ReferencesNoMigrationsProjectDirectly(string project)
    {
        var references = References(File.ReadAllText(RepositoryFiles.Path(project)));

        Assert.DoesNotContain(references, IsMigrationsProject);
        Assert.Contains(references, r => r.EndsWith("PolicyHub.Data.Providers.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void DataGenerator_ReferencesOnlyTheDataLayer()
    {
        var references = References(File.ReadAllText(RepositoryFiles.Path("src/PolicyHub.DataGenerator/PolicyHub.DataGenerator.csproj")));

        string[] allowed = ["PolicyHub.Data.csproj", "PolicyHub.Data.Providers.csproj", "PolicyHub.Demo.csproj"];
        Assert.All(references, r => Assert.Contains(Path.GetFileName(r), allowed));
    }

    [Fact]
    public void Core_CarriesNoDemoData()
        => Assert.False(Directory.Exists(RepositoryFiles.Path("src/PolicyHub.Core/Demo")), "Demo data belongs in src/PolicyHub.Demo, not in Core.");

    [Fact]
    public void References_APlantedMigrationsReference_IsSeen()
        => Assert.Contains(References("""<Project><ItemGroup><ProjectReference Include="..\PolicyHub.Data.Migrations.Sqlite\PolicyHub.Data.Migrations.Sqlite.csproj" /></ItemGroup></Project>"""),
            IsMigrationsProject);

    private static bool IsMigrationsProject(string reference)
        => Path.GetFileName(reference).StartsWith("PolicyHub.Data.Migrations.", StringComparison.Ordinal);

    [Fact]
    public void References_APlantedWebReference_IsSeen()
        => Assert.Contains(References("""<Project><ItemGroup><ProjectReference Include="..\PolicyHub.Web\PolicyHub.Web.csproj" /></ItemGroup></Project>"""),
            r => r.EndsWith("PolicyHub.Web.csproj", StringComparison.Ordinal));

    private static List<string> References(string csproj)
        => XDocument.Parse(csproj).Descendants("ProjectReference").Select(e => ((string)e.Attribute("Include")!).Replace('\\', '/')).ToList();
}
