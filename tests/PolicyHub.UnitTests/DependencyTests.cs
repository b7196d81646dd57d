using System.Xml.Linq;

namespace PolicyHub.UnitTests;

/// <summary>Dependencies point inwards: tools and lower layers never reference the Web app.</summary>
public sealed class DependencyTests
{
    [Theory]
    [InlineData("src/PolicyHub.DataGenerator/PolicyHub.DataGenerator.csproj")]
    [InlineData("src/PolicyHub.Data/PolicyHub.Data.csproj")]
    [InlineData("src/PolicyHub.Core/PolicyHub.Core.csproj")]
    public void Project_DoesNotReferenceTheWebApp(string project)
    {
        var references = References(File.ReadAllText(RepositoryFiles.Path(project)));

        Assert.DoesNotContain(references, r => r.EndsWith("PolicyHub.Web.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void References_APlantedWebReference_IsSeen()
        => Assert.Contains(References("""<Project><ItemGroup><ProjectReference Include="..\PolicyHub.Web\PolicyHub.Web.csproj" /></ItemGroup></Project>"""),
            r => r.EndsWith("PolicyHub.Web.csproj", StringComparison.Ordinal));

    private static List<string> References(string csproj)
        => XDocument.Parse(csproj).Descendants("ProjectReference").Select(e => ((string)e.Attribute("Include")!).Replace('\\', '/')).ToList();
}
