using System.Text.RegularExpressions;

namespace PolicyHub.UnitTests;

/// <summary>
/// The Web app's one shape for every change: controllers read and delegate; each state change is an
/// <c>IStateChange</c> class that owns its transaction, its checks and its audit event. So no Web controller saves,
/// opens a transaction or writes an audit event itself.
/// </summary>
public sealed partial class ControllerShapeTests
{
    [GeneratedRegex(@"\b(SaveChanges(Async)?|InTransactionAsync)\b|\.Audit\(")]
    private static partial Regex Write();

    [Fact]
    public void WebControllers_NeverWrite_TheyDelegateToStateChanges()
    {
        var offenders = Controllers().SelectMany(f => Offenders(f, File.ReadAllText(RepositoryFiles.Path(f)))).ToList();

        Assert.True(offenders.Count == 0, "A controller writes itself; move the change into an IStateChange class next to it:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("await db.SaveChangesAsync(ct);")]
    [InlineData("await db.InTransactionAsync(async ct => 0);")]
    [InlineData("db.Audit(\"member.changed\", nameof(Membership), id, actor);")]
    public void Offenders_APlantedWriteInAController_IsFound(string line)
        => Assert.NotEmpty(Offenders("src/PolicyHub.Web/Features/Members/PlantedController.cs", line));

    [GeneratedRegex(@"\b(ViewData|ViewBag)\b")]
    private static partial Regex UntypedViewData();

    [Fact]
    public void WebControllers_HandTheirViewsATypedModel_NotViewData()
    {
        var offenders = Controllers()
            .SelectMany(f => UntypedViewData().Matches(File.ReadAllText(RepositoryFiles.Path(f))).Select(m => $"{f}: {m.Value}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Give the view a typed model (a page record, or a [BindNever] property of the form) instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void UntypedViewData_APlantedEntry_IsFound()
        => Assert.Matches(UntypedViewData(), "ViewData[\"Policy\"] = policy;");

    /// <summary>Both services: a controller that grows past this splits by what its pages are for (see docs/architecture.md).</summary>
    [Fact]
    public void EveryController_StaysUnder250Lines()
    {
        var large = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*Controller.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(RepositoryFiles.Root, f), Lines: File.ReadAllLines(f).Length))
            .Where(c => c.Lines >= 250)
            .ToList();

        Assert.True(large.Count == 0, "Split these controllers:\n" + string.Join('\n', large.Select(c => $"{c.File}: {c.Lines} lines")));
    }

    [Fact]
    public void Controllers_AreFound()
        => Assert.True(Controllers().Count() >= 15, "The controller scan found too few files: is the path right?");

    private static IEnumerable<string> Offenders(string file, string text)
        => Write().Matches(text).Select(m => $"{file}: {m.Value}");

    private static IEnumerable<string> Controllers()
        => Directory.EnumerateFiles(RepositoryFiles.Path("src/PolicyHub.Web"), "*Controller.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
}
