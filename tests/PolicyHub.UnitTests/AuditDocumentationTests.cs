using System.Text.RegularExpressions;
using PolicyHub.Core.Audit;

namespace PolicyHub.UnitTests;

/// <summary>
/// One audit catalog (<see cref="AuditEvents"/>): docs/audit-verification.md names every event in it, so an auditor
/// can read any event, and no code outside the catalog spells an event name as a string.
/// </summary>
public sealed partial class AuditDocumentationTests
{
    private const string Catalog = "src/PolicyHub.Core/Audit/AuditEvents.cs";

    [GeneratedRegex(@"new\s+(JsonObject|JsonArray|AuditEntry)\b|db\.Audit\(\s*""")]
    private static partial Regex HandBuiltPayload();

    [GeneratedRegex("\"(organisation|member|members|department|location|template|policy|assignment|acknowledgement|reminder|audit|evidence|api_client)\\.[a-z_]+\"")]
    private static partial Regex EventName();

    [Fact]
    public void ActionTable_NamesEveryActionTheAppWrites()
    {
        var documentation = File.ReadAllText(RepositoryFiles.Path("docs", "audit-verification.md"));

        var missing = AuditEvents.Names.All.Where(a => !documentation.Contains($"`{a}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "Not in docs/audit-verification.md: " + string.Join(", ", missing));
        Assert.Contains("acknowledgement.recorded", AuditEvents.Names.All);
        Assert.True(AuditEvents.Names.All.Count >= 40, $"Only {AuditEvents.Names.All.Count} actions were found: is the catalog broken?");
    }

    [Fact]
    public void EventNames_AreSpelledOnlyInTheCatalog()
    {
        var offenders = SourceFiles()
            .Where(f => f != Catalog)
            .SelectMany(f => Offenders(f, File.ReadAllText(RepositoryFiles.Path(f))))
            .ToList();

        Assert.True(offenders.Count == 0, "Use the name from Core/Audit/AuditEvents:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("db.Audit(\"member.changed\", nameof(Membership), id, actor);")]
    [InlineData("public const string Renamed = \"policy.renamed\";")]
    public void Offenders_APlantedEventName_IsFound(string line)
        => Assert.NotEmpty(Offenders("src/PolicyHub.Web/Features/Planted.cs", line));

    [Fact]
    public void Offenders_ACommentNamingAnEvent_IsFine()
        => Assert.Empty(Offenders("src/PolicyHub.Web/Features/Planted.cs", "/// <summary>Records \"member.joined\".</summary>"));

    [Fact]
    public void Payloads_AreBuiltOnlyInTheCatalog()
    {
        var offenders = SourceFiles()
            .Where(f => !f.StartsWith("src/PolicyHub.Core/Audit/", StringComparison.Ordinal))
            .SelectMany(f => PayloadOffenders(f, File.ReadAllText(RepositoryFiles.Path(f))))
            .ToList();

        Assert.True(offenders.Count == 0, "Call a factory of Core/Audit/AuditEvents instead:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("db.Audit(new AuditEntry(\"member.changed\", nameof(Membership), id, []), actor);")]
    [InlineData("var data = new JsonObject { [\"policy\"] = policyId.ToString() };")]
    [InlineData("db.Audit(\"member.changed\", nameof(Membership), id, actor);")]
    public void PayloadOffenders_APlantedHandBuiltEvent_IsFound(string line)
        => Assert.NotEmpty(PayloadOffenders("src/PolicyHub.Web/Features/Planted.cs", line));

    [Fact]
    public void PayloadOffenders_AFactoryCall_IsFine()
        => Assert.Empty(PayloadOffenders("src/PolicyHub.Web/Features/Planted.cs", "db.Audit(AuditEvents.MemberEdited(member, name, roles, null, null, null), tenant.Actor);"));

    private static IEnumerable<string> SourceFiles()
        => Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/PolicyHub.Data.Migrations", StringComparison.Ordinal));

    private static IEnumerable<string> PayloadOffenders(string file, string text)
        => text.Split('\n')
            .Select((line, i) => (Line: line, Number: i + 1))
            .Where(l => !l.Line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => HandBuiltPayload().Matches(l.Line).Select(m => $"{file}:{l.Number}: {l.Line.Trim()}"));

    private static IEnumerable<string> Offenders(string file, string text)
        => text.Split('\n')
            .Select((line, i) => (Line: line, Number: i + 1))
            .Where(l => !l.Line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => EventName().Matches(l.Line).Select(m => $"{file}:{l.Number}: {m.Value}"));
}
