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

    /// <summary>A value of the variable's type that names the variable where the type allows it.</summary>
    private static string Sample(TemplateVariable variable, string marker) => variable.Type switch
    {
        TemplateVariableType.Email => $"{marker}-{variable.Name.Replace('_', '-')}@example.com",
        TemplateVariableType.Phone => "+49 30 12345678",
        TemplateVariableType.Url => $"https://example.com/{marker}-{variable.Name}",
        TemplateVariableType.Number => "37",
        TemplateVariableType.Choice => variable.Choices![^1],
        _ => $"<{marker}-{variable.Name}>",
    };

    [Fact]
    public void Library_HasTheSevenTemplatesInBothLanguages()
    {
        string[] keys = ["crisis-playbook", "employee-advocacy", "executive-social-media", "generative-ai", "monitoring-policy", "official-accounts", "social-media-guidelines"];

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
        var values = template.Variables.Where(v => v.Required).ToDictionary(v => v.Name, v => (string?)Sample(v, "value"));

        var result = TemplateRenderer.Render(template, values);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Detail)));
        foreach (var variable in template.Variables)
        {
            Assert.Contains(variable.Required ? Sample(variable, "value") : variable.Default!, result.Markdown, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{{", result.Markdown, StringComparison.Ordinal);
        Assert.StartsWith("# ", result.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_EveryValueGiven_UsesTheGivenValues(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;
        var values = template.Variables.ToDictionary(v => v.Name, v => (string?)Sample(v, "given"));

        var result = TemplateRenderer.Render(template, values);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Detail)));
        Assert.All(template.Variables, v => Assert.Contains(Sample(v, "given"), result.Markdown, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_RequiredValueMissing_IsReportedByName(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;
        var required = template.Variables.Where(v => v.Required).ToList();
        Assert.NotEmpty(required);
        var values = required.Skip(1).ToDictionary(v => v.Name, v => (string?)Sample(v, "x"));
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

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_TypedVariables_HaveValidDefaultsAndChoices(string key, string language)
    {
        var template = BuiltInTemplates.Find(key, language)!;

        Assert.All(template.Variables, v =>
        {
            Assert.Equal(v.Type == TemplateVariableType.Choice, v.Choices is { Count: > 0 });
            if (v.Default is not null)
            {
                Assert.Null(TemplateValues.Check(v, v.Default));
            }
        });
    }

    [Fact]
    public void Library_EveryLanguageOfATemplate_AsksForTheSameVariablesOfTheSameTypes()
    {
        foreach (var group in BuiltInTemplates.All.GroupBy(t => t.Key))
        {
            var shapes = group.Select(t => string.Join(",", t.Variables.Select(v => $"{v.Name}:{v.Type}:{v.Required}:{v.Choices?.Count}"))).Distinct().ToList();
            Assert.True(shapes.Count == 1, $"{group.Key}: {string.Join(" | ", shapes)}");
        }
    }

    /// <summary>
    /// German articles and case endings cannot come from a value typed once: a placeholder for a name or phrase
    /// never follows an article or a preposition that would need a declined value ("an den …", "mit …"), and a
    /// default never starts with one. Addresses, numbers and the company's own name are exempt.
    /// </summary>
    [Fact]
    public void GermanTemplates_PlaceholdersNeedNoArticleOrCaseEnding()
    {
        string[] words = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "an", "von", "mit", "bei", "für", "zu", "zum", "zur", "über", "auf", "aus", "durch", "gegen", "ohne", "um", "nach", "unser", "unsere", "unseren", "unserem", "ihr", "ihre", "ihren", "ihrem"];
        foreach (var template in BuiltInTemplates.All.Where(t => t.Language == "de"))
        {
            foreach (var variable in template.Variables.Where(v => v.Type is TemplateVariableType.Text && v.Name != TemplateVariable.CompanyName))
            {
                foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(template.Body, @"(\S+)\s+\{\{\s*" + variable.Name + @"\b"))
                {
                    Assert.DoesNotContain(match.Groups[1].Value.ToLowerInvariant(), words);
                }

                var first = variable.Default?.Split(' ')[0].ToLowerInvariant();
                Assert.True(first is null || !words.Contains(first), $"{template.Key}: the default of {variable.Name} starts with “{first}”.");
            }
        }
    }

    [Theory]
    [InlineData(TemplateVariableType.Email, "not an address")]
    [InlineData(TemplateVariableType.Email, "Team <team@example.com>")]
    [InlineData(TemplateVariableType.Email, "a@b@example.com")]
    [InlineData(TemplateVariableType.Phone, "030 12345678")]
    [InlineData(TemplateVariableType.Phone, "+49 12")]
    [InlineData(TemplateVariableType.Phone, "+49 30 1234567890123456")]
    [InlineData(TemplateVariableType.Phone, "call +49 30 12345678")]
    [InlineData(TemplateVariableType.Url, "intranet/ai")]
    [InlineData(TemplateVariableType.Url, "javascript:alert(1)")]
    [InlineData(TemplateVariableType.Url, "ftp://example.com/list")]
    [InlineData(TemplateVariableType.Url, "https://user:secret@example.com/")]
    [InlineData(TemplateVariableType.Number, "0")]
    [InlineData(TemplateVariableType.Number, "-5")]
    [InlineData(TemplateVariableType.Number, "1e3")]
    [InlineData(TemplateVariableType.Number, "10001")]
    [InlineData(TemplateVariableType.Choice, "something else")]
    public void Render_ValueOfTheWrongShape_IsReportedForItsVariable(TemplateVariableType type, string value)
    {
        TemplateVariable[] variables = [new("contact", "Contact", null, true, null, type, type == TemplateVariableType.Choice ? ["yes", "no"] : null)];

        var result = TemplateRenderer.Render("Ask {{ contact }}", variables, new Dictionary<string, string?> { ["contact"] = value });

        Assert.Null(result.Markdown);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("contact", problem.Variable);
        Assert.NotEqual(TemplateProblemKind.MissingRequired, problem.Kind);
    }

    [Theory]
    [InlineData(TemplateVariableType.Email, "social.media@example.com")]
    [InlineData(TemplateVariableType.Phone, "+49 30 12345678")]
    [InlineData(TemplateVariableType.Phone, "+44 20 7946 0958")]
    [InlineData(TemplateVariableType.Phone, "+1 (212) 555-2368")]
    [InlineData(TemplateVariableType.Url, "https://intranet.example.com/ai-tools?lang=de")]
    [InlineData(TemplateVariableType.Number, "48")]
    [InlineData(TemplateVariableType.Choice, "no")]
    public void Render_ValueOfTheRightShape_IsInsertedAsGiven(TemplateVariableType type, string value)
    {
        TemplateVariable[] variables = [new("contact", "Contact", null, true, null, type, type == TemplateVariableType.Choice ? ["yes", "no"] : null)];

        var result = TemplateRenderer.Render("Ask {{ contact }}", variables, new Dictionary<string, string?> { ["contact"] = value });

        Assert.Equal($"Ask {value}", result.Markdown);
    }

    [Fact]
    public void InitialValues_PrefillTheCompanyNameWithTheOrganisationsName()
    {
        var template = BuiltInTemplates.Find("social-media-guidelines", "de")!;

        var values = template.InitialValues("Beispiel AG");

        Assert.Equal("Beispiel AG", values[TemplateVariable.CompanyName]);
        Assert.Equal("IT-Service-Desk", values["security_contact"]);
        Assert.Null(values["crisis_hotline"]);
    }
}
