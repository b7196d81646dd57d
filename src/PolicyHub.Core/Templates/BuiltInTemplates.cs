using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyHub.Core.Templates;

/// <summary>
/// The templates that ship with PolicyHub, read from embedded resources: for each key and language a JSON
/// file (title, category, description, variables) and a Markdown file with Liquid placeholders.
/// </summary>
public static class BuiltInTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IReadOnlyList<PolicyTemplate>> Loaded = new(Load);

    public static IReadOnlyList<PolicyTemplate> All => Loaded.Value;

    public static PolicyTemplate? Find(string key, string language)
        => All.FirstOrDefault(t => t.Key == key && t.Language == language);

    private sealed record Metadata(string Category, string Title, string Description, List<TemplateVariable> Variables);

    private static List<PolicyTemplate> Load()
    {
        var assembly = typeof(BuiltInTemplates).Assembly;
        var templates = new List<PolicyTemplate>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("BuiltIn/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // BuiltIn/<key>.<language>.json
            var stem = name["BuiltIn/".Length..^".json".Length];
            var dot = stem.LastIndexOf('.');
            var (key, language) = (stem[..dot], stem[(dot + 1)..]);
            var metadata = JsonSerializer.Deserialize<Metadata>(Read(assembly, name), Json)
                ?? throw new InvalidOperationException($"{name} is empty.");
            var body = Read(assembly, $"BuiltIn/{stem}.md").Replace("\r\n", "\n", StringComparison.Ordinal);
            templates.Add(new PolicyTemplate(key, language, metadata.Category, metadata.Title, metadata.Description, body, metadata.Variables));
        }

        return templates;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The built-in template resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
