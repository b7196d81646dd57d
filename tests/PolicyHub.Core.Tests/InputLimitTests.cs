using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.Core.Text;

namespace PolicyHub.Core.Tests;

/// <summary>
/// The limits of the parsers and the text rule: hostile shapes are refused with a reason before anything
/// recursive sees them, and what is accepted renders.
/// </summary>
public sealed class InputLimitTests
{
    private static readonly TemplateVariable A = new("a", "A", null, true, null);

    public static TheoryData<string, TemplateProblemKind> HostileTemplates => new()
    {
        { "{{ " + new string('(', 3000) + "a" + new string(')', 3000) + " }}", TemplateProblemKind.TooComplex },
        { "{{ " + new string('(', 200) + "a" + new string(')', 200) + " }}", TemplateProblemKind.TooDeeplyNested },
        { string.Concat(Enumerable.Repeat("{% if a %}", 3000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 3000)), TemplateProblemKind.TooDeeplyNested },
        { string.Concat(Enumerable.Repeat("{% unless a %}", 17)) + "x" + string.Concat(Enumerable.Repeat("{% endunless %}", 17)), TemplateProblemKind.TooDeeplyNested },
        { string.Concat(Enumerable.Repeat("{{ a }}", TemplateRenderer.MaxTags + 1)), TemplateProblemKind.TooComplex },
        { "{{ a " + new string(' ', TemplateRenderer.MaxTagLength), TemplateProblemKind.TooComplex },
        { new string('x', TemplateRenderer.MaxBodyLength + 1), TemplateProblemKind.TooLong },
        { "{{ a }}\0", TemplateProblemKind.InvalidCharacters },
        { "{{ a }} \u202E", TemplateProblemKind.InvalidCharacters },
    };

    [Theory]
    [MemberData(nameof(HostileTemplates))]
    public void Render_HostileShape_IsRefusedWithItsReason(string body, TemplateProblemKind expected)
    {
        var result = TemplateRenderer.Render(body, [A], new Dictionary<string, string?> { ["a"] = "x" });

        Assert.Null(result.Markdown);
        Assert.Equal(expected, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Render_BlocksWithinTheLimits_Render()
    {
        var body = string.Concat(Enumerable.Repeat("{% if a %}", TemplateRenderer.MaxBlockDepth)) + "{{ a }}" + string.Concat(Enumerable.Repeat("{% endif %}", TemplateRenderer.MaxBlockDepth));

        var result = TemplateRenderer.Render(body, [A], new Dictionary<string, string?> { ["a"] = "x" });

        Assert.True(result.Succeeded);
        Assert.Equal("x", result.Markdown);
    }

    [Fact]
    public void Render_ValueWithNul_IsRefusedForThatVariable()
    {
        var result = TemplateRenderer.Render("{{ a }}", [A], new Dictionary<string, string?> { ["a"] = "x\0y" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal((TemplateProblemKind.ValueInvalidCharacters, "a"), (problem.Kind, problem.Variable));
    }

    public static TheoryData<string, MarkdownProblem> HostileMarkdown => new()
    {
        { new string('>', 128) + " x", MarkdownProblem.TooDeeplyNested },
        { new string('>', PolicyMarkdown.MaxDepth + 1) + " x", MarkdownProblem.TooDeeplyNested },
        { string.Concat(Enumerable.Range(0, 130).Select(i => new string(' ', i * 2) + "- x\n")), MarkdownProblem.TooDeeplyNested },
        { new string('*', 5000) + "x" + new string('*', 5000), MarkdownProblem.TooDeeplyNested },
        { string.Concat(Enumerable.Repeat("*a* ", 12_000)), MarkdownProblem.TooDeeplyNested },
        { string.Concat(Enumerable.Repeat("a\n\n", 30_000)), MarkdownProblem.TooManyElements },
        { string.Concat(Enumerable.Repeat("http://a.example ", PolicyMarkdown.MaxLinks + 1)), MarkdownProblem.TooManyElements },
        { new string('x', PolicyMarkdown.MaxLength + 1), MarkdownProblem.TooLong },
        { "Text\0with NUL", MarkdownProblem.ControlCharacter },
        { "Bell \a", MarkdownProblem.ControlCharacter },
        { "Reversed \u202Etext", MarkdownProblem.ControlCharacter },
    };

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Render_HostileMarkdown_IsRefusedWithItsReasonAndNoHtml(string markdown, MarkdownProblem expected)
    {
        var rendering = PolicyMarkdown.Render(markdown);

        Assert.Equal(expected, rendering.Problem);
        Assert.Null(rendering.Html);
        Assert.Equal(expected, PolicyMarkdown.Check(markdown));
        Assert.Throws<ArgumentException>(() => PolicyMarkdown.ToSafeHtml(markdown));
    }

    [Fact]
    public void Render_NestingAtTheLimitAndTabsAndLineBreaks_Render()
    {
        var rendering = PolicyMarkdown.Render(new string('>', PolicyMarkdown.MaxDepth) + " deep\r\n\n\tcode");

        Assert.True(rendering.Succeeded);
        Assert.Contains("deep", rendering.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anna Schmidt", TextProblem.None)]
    [InlineData("  Jürgen Groß  ", TextProblem.None)]
    [InlineData("李小龍", TextProblem.None)]
    [InlineData("مريم", TextProblem.None)]
    [InlineData("", TextProblem.Empty)]
    [InlineData("   ", TextProblem.Empty)]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF", TextProblem.Empty)]
    [InlineData("\u3164\u00AD ", TextProblem.Empty)]
    [InlineData("Anna\0", TextProblem.ControlCharacter)]
    [InlineData("Anna\nSchmidt", TextProblem.ControlCharacter)]
    [InlineData("Anna\tSchmidt", TextProblem.ControlCharacter)]
    [InlineData("Anna \uFFFF", TextProblem.ControlCharacter)]
    [InlineData("evil\u202Etxt.exe", TextProblem.BidiControl)]
    [InlineData("a\u2066b\u2069", TextProblem.BidiControl)]
    public void CheckName_Examples(string name, TextProblem expected)
        => Assert.Equal(expected, TextRules.CheckName(name, 200));

    [Fact]
    public void LoneSurrogates_AreRefusedInNamesAndTexts()
    {
        // Not as theory data: the test runner's serialisation would replace a lone surrogate with U+FFFD.
        foreach (var text in new[] { "Anna \uD800", "Anna \uDC00 x", "\uD83D" })
        {
            Assert.Equal(TextProblem.ControlCharacter, TextRules.CheckName(text, 200));
            Assert.Equal(MarkdownProblem.ControlCharacter, PolicyMarkdown.Check(text));
            Assert.Equal(text.Trim(), TextRules.NormalizeName(text));
        }

        Assert.Equal(TextProblem.None, TextRules.CheckName("Emoji \uD83D\uDE00", 200));
    }

    [Fact]
    public void CheckName_LengthCountsTheNormalisedForm()
    {
        // "e" + combining acute accent is one character in NFC.
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 200));

        Assert.Equal(TextProblem.None, TextRules.CheckName(decomposed, 200));
        Assert.Equal(TextProblem.TooLong, TextRules.CheckName(new string('x', 201), 200));
        Assert.Equal(new string('\u00E9', 200), TextRules.NormalizeName(" " + decomposed + " "));
    }

    [Theory]
    [InlineData("anna@example.com", true)]
    [InlineData(" anna@example.com ", true)]
    [InlineData("", false)]
    [InlineData("anna", false)]
    [InlineData("Anna <anna@example.com>", false)]
    [InlineData("anna@@example.com", false)]
    [InlineData("an na@example.com", false)]
    [InlineData("anna@example.com\0", false)]
    [InlineData("anna@exa\u202Emple.com", false)]
    public void IsEmail_Examples(string value, bool expected) => Assert.Equal(expected, TextRules.IsEmail(value, 320));
}
