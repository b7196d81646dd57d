using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PolicyHub.UnitTests;

/// <summary>Every string the code asks a localizer for exists in English and German, the two files agree, and no entry is left unused.</summary>
public sealed partial class LocalizationTests
{
    [GeneratedRegex("""\b(?:L|l|localizer)\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizerKey();

    public static TheoryData<string> Apps => new() { "PolicyHub.Identity", "PolicyHub.Web" };

    [Theory]
    [MemberData(nameof(Apps))]
    public void Resources_EveryKeyUsedInCode_HasEnglishAndGermanText(string app)
    {
        var english = Load(app, "SharedResource.resx");
        var german = Load(app, "SharedResource.de.resx");
        var used = KeysUsedIn(app).Concat(KeysUsedIn("PolicyHub.ServiceDefaults")).Distinct().ToList();

        var missing = used.Where(k => !english.ContainsKey(k) || !german.ContainsKey(k)).ToList();

        Assert.True(missing.Count == 0, $"{app}: strings without a resource entry:\n{string.Join('\n', missing)}");
        Assert.NotEmpty(used);
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Resources_EveryKey_IsStillUsedInCode(string app)
    {
        var used = KeysUsedIn(app).Concat(KeysUsedIn("PolicyHub.ServiceDefaults")).ToHashSet(StringComparer.Ordinal);

        var unused = Load(app, "SharedResource.resx").Keys.Where(k => !used.Contains(k)).ToList();

        Assert.True(unused.Count == 0, $"{app}: resource entries no code asks for (remove them from both files):\n{string.Join('\n', unused)}");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Resources_EnglishAndGerman_HaveTheSameKeysAndNoEmptyText(string app)
    {
        var english = Load(app, "SharedResource.resx");
        var german = Load(app, "SharedResource.de.resx");

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), german.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(german, e => string.IsNullOrWhiteSpace(e.Value));
        // A German file that merely copies English would pass the checks above; most entries must differ.
        Assert.True(german.Count(e => e.Value != e.Key) > german.Count * 0.8, $"{app}: the German resources look untranslated.");
    }

    private static IEnumerable<string> KeysUsedIn(string project)
        => RepositoryFiles.SourceFiles(project, ".cs", ".cshtml")
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)));

    private static Dictionary<string, string> Load(string app, string file)
        => XDocument.Load(RepositoryFiles.Path("src", app, "Resources", file))
            .Root!.Elements("data")
            .ToDictionary(e => (string)e.Attribute("name")!, e => (string?)e.Element("value") ?? string.Empty, StringComparer.Ordinal);
}
