using PolicyHub.Core.Templates;

namespace PolicyHub.Core.Tests;

public sealed class TemplateLibraryTests
{
    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in BuiltInTemplates.All)
        {
            data.Add(template.Key, template.Language);
        }

        return data;
    }

    [Fact]
    public void Library_HasTheFourTemplatesInBothLanguages()
    {
        string[] keys = ["crisis-playbook", "monitoring-policy", "official-accounts", "social-media-guidelines"];

        foreach (var key in keys)
        {
            foreach (var language in BuiltInTemplates.Languages)
            {
                Assert.NotNull(BuiltInTemplates.Find(key, language));
            }
        }

        Assert.Equal(keys.Length * 2, BuiltInTemplates.All.Count);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_OnlyRequiredValuesGiven_UsesTheDefaultsForTheRest(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;
        var values = template.Variables.Where(v => v.Required).ToDictionary(v => v.Name, v => (string?)$"<{v.Name}-value>");

        var result = TemplateRenderer.Render(template, values);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Detail)));
        foreach (var variable in template.Variables)
        {
            Assert.Contains(variable.Required ? $"<{variable.Name}-value>" : variable.Default!, result.Markdown, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{{", result.Markdown, StringComparison.Ordinal);
        Assert.StartsWith("# ", result.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_EveryValueGiven_UsesTheGivenValues(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;
        var values = template.Variables.ToDictionary(v => v.Name, v => (string?)$"given-{v.Name}");

        var result = TemplateRenderer.Render(template, values);

        Assert.True(result.Succeeded);
        Assert.All(template.Variables, v => Assert.Contains($"given-{v.Name}", result.Markdown, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_RequiredValueMissing_IsReportedByName(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;
        var required = template.Variables.Where(v => v.Required).ToList();
        Assert.NotEmpty(required);
        var values = required.Skip(1).ToDictionary(v => v.Name, v => (string?)"x");
        values[required[0].Name] = "   ";

        var result = TemplateRenderer.Render(template, values);

        Assert.False(result.Succeeded);
        Assert.Null(result.Markdown);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(TemplateProblemKind.MissingRequired, problem.Kind);
        Assert.Equal(required[0].Name, problem.Variable);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_UsesOnlyVariablesItDefines_AndDefinesOnlyWhatItUses(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;

        var used = TemplateRenderer.VariablesUsedIn(template.Body).Order(StringComparer.Ordinal);
        var defined = template.Variables.Select(v => v.Name).Order(StringComparer.Ordinal);

        Assert.Equal(defined, used);
        Assert.All(template.Variables, v => Assert.True(v.Required || v.Default is not null, $"{v.Name} is optional but has no default."));
    }

    [Fact]
    public void Render_TemplateUsingAnUndefinedVariable_IsReported()
    {
        var result = TemplateRenderer.Render("Hello {{ who }}", [], new Dictionary<string, string?>());

        Assert.Equal(TemplateProblemKind.UndefinedVariable, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Render_InvalidLiquid_IsReportedNotThrown()
    {
        var result = TemplateRenderer.Render("Hello {% if %}", [], new Dictionary<string, string?>());

        Assert.Contains(result.Problems, p => p.Kind == TemplateProblemKind.InvalidTemplate);
    }

    [Fact]
    public void Render_ValuesAreInsertedAsTextWithoutHtmlEncodingOrTemplateEvaluation()
    {
        TemplateVariable[] variables = [new("name", "Name", null, true, null)];

        var result = TemplateRenderer.Render("Company: {{ name }}", variables, new Dictionary<string, string?> { ["name"] = "Müller & Söhne {{ evil }}" });

        Assert.Equal("Company: Müller & Söhne {{ evil }}", result.Markdown);
    }

    [Fact]
    public void Render_LoopsAssignmentsAndIncludes_AreRefusedBeforeRunning()
    {
        string[] bodies =
        [
            "{% for i in (1..100000000) %}x{% endfor %}",
            "{% assign x = 'y' %}",
            "{% include 'secrets' %}",
            "{% if true %}{% for i in (1..3) %}x{% endfor %}{% endif %}",
        ];

        foreach (var body in bodies)
        {
            var result = TemplateRenderer.Render(body, [], new Dictionary<string, string?>());
            Assert.Equal(TemplateProblemKind.InvalidTemplate, Assert.Single(result.Problems).Kind);
        }
    }

    [Fact]
    public void Render_IfAndUnless_AreAllowed()
    {
        TemplateVariable[] variables = [new("hotline", "Hotline", null, false, "")];

        var result = TemplateRenderer.Render("{% if hotline != '' %}Call {{ hotline }}{% else %}Ask HR{% endif %}{% unless hotline == '' %}!{% endunless %}",
            variables, new Dictionary<string, string?> { ["hotline"] = "110" });

        Assert.Equal("Call 110!", result.Markdown);
    }
}
