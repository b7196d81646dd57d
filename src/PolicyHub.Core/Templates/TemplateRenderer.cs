using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Text;

namespace PolicyHub.Core.Templates;

/// <summary>The outcome of filling a template: the Markdown, or the problems (by variable name) that prevented it.</summary>
public sealed record TemplateRenderResult(string? Markdown, IReadOnlyList<TemplateProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

public enum TemplateProblemKind
{
    /// <summary>A required variable has no value and no default.</summary>
    MissingRequired,
    /// <summary>The template text is not valid Liquid.</summary>
    InvalidTemplate,
    /// <summary>The template uses a placeholder it does not define.</summary>
    UndefinedVariable,
    /// <summary>A value is too long.</summary>
    ValueTooLong,
    /// <summary>A value holds a control character (NUL, …) or a bidirectional override.</summary>
    ValueInvalidCharacters,
    /// <summary>An email variable's value is not one plain address.</summary>
    InvalidEmail,
    /// <summary>A phone variable's value is not a possible number with its country code.</summary>
    InvalidPhone,
    /// <summary>A URL variable's value is not an absolute http(s) address.</summary>
    InvalidUrl,
    /// <summary>A choice variable's value is not one of its choices.</summary>
    InvalidChoice,
    /// <summary>A number variable's value is not a whole number from 1 to 10,000.</summary>
    InvalidNumber,
    /// <summary>The template text is longer than <see cref="TemplateRenderer.MaxBodyLength"/>.</summary>
    TooLong,
    /// <summary>More than <see cref="TemplateRenderer.MaxTags"/> tags, or a tag longer than <see cref="TemplateRenderer.MaxTagLength"/> (or never closed).</summary>
    TooComplex,
    /// <summary>if/unless blocks or brackets nested deeper than the limits.</summary>
    TooDeeplyNested,
    /// <summary>The template text holds a control character or a bidirectional override.</summary>
    InvalidCharacters,
}

public sealed record TemplateProblem(TemplateProblemKind Kind, string? Variable, string Detail);

/// <summary>
/// Fills templates with Fluid (Liquid) in a sandbox: no file system, no .NET members, bounded steps and
/// recursion. Values are plain text inserted into Markdown (the Markdown is sanitized when rendered to HTML).
/// A missing required variable is a validation problem, never an empty hole in the text. The parser recurses
/// into nested blocks and brackets (thousands of levels overflow the stack and end the process), so the text's
/// shape is measured first by a flat scan, and only a text within the limits is parsed.
/// </summary>
public static partial class TemplateRenderer
{
    public const int MaxValueLength = 500;

    /// <summary>The longest template text: the same as a policy text.</summary>
    public const int MaxBodyLength = PolicyMarkdown.MaxLength;

    /// <summary>How many {{ … }} and {% … %} tags a template may have.</summary>
    public const int MaxTags = 2_000;

    /// <summary>The longest single tag, delimiters included.</summary>
    public const int MaxTagLength = 1_000;

    /// <summary>How deep if/unless blocks may nest.</summary>
    public const int MaxBlockDepth = 16;

    /// <summary>How deep brackets may nest inside one tag.</summary>
    public const int MaxBracketDepth = 4;

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal) { "if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "paginate" };

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    public static TemplateRenderResult Render(PolicyTemplate template, IReadOnlyDictionary<string, string?> values)
        => Render(template.Body, template.Variables, values);

    public static TemplateRenderResult Render(string body, IReadOnlyList<TemplateVariable> variables, IReadOnlyDictionary<string, string?> values)
    {
        if (CheckShape(body) is { } shape)
        {
            return new(null, [shape]);
        }

        var problems = new List<TemplateProblem>();
        var defined = variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var used in VariablesUsedIn(body).Where(u => !defined.Contains(u)))
        {
            problems.Add(new(TemplateProblemKind.UndefinedVariable, used, $"The template uses {{{{ {used} }}}} but does not define it."));
        }

        if (!Parser.TryParse(body, out var fluidTemplate, out var error))
        {
            problems.Add(new(TemplateProblemKind.InvalidTemplate, null, error));
            return new(null, problems);
        }

        if (fluidTemplate is FluidTemplate parsed && FirstDisallowed(parsed.Statements) is { } disallowed)
        {
            problems.Add(new(TemplateProblemKind.InvalidTemplate, null,
                $"Templates may use placeholders and if/unless only, not {disallowed.GetType().Name.Replace("Statement", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}."));
            return new(null, problems);
        }

        var context = new TemplateContext(Options);
        foreach (var variable in variables)
        {
            var value = values.TryGetValue(variable.Name, out var given) && !string.IsNullOrWhiteSpace(given) ? given.Trim() : variable.Default;
            if (string.IsNullOrWhiteSpace(value) && variable.Required)
            {
                problems.Add(new(TemplateProblemKind.MissingRequired, variable.Name, $"{variable.Label} ({variable.Name}) is required."));
                continue;
            }

            if (value is { Length: > MaxValueLength })
            {
                problems.Add(new(TemplateProblemKind.ValueTooLong, variable.Name, $"{variable.Label} ({variable.Name}) can have at most {MaxValueLength} characters."));
                continue;
            }

            if (TextRules.CheckLongText(value) != TextProblem.None)
            {
                problems.Add(new(TemplateProblemKind.ValueInvalidCharacters, variable.Name, $"{variable.Label} ({variable.Name}) contains characters that are not allowed."));
                continue;
            }

            if (!string.IsNullOrWhiteSpace(value) && TemplateValues.Check(variable, value) is { } wrong)
            {
                problems.Add(new(wrong, variable.Name, $"{variable.Label} ({variable.Name}) is not a valid {variable.Type.ToString().ToLowerInvariant()}."));
                continue;
            }

            context.SetValue(variable.Name, value ?? string.Empty);
        }

        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        try
        {
            // No HTML encoding: the output is Markdown, and the Markdown pipeline sanitizes the HTML it produces.
            var markdown = fluidTemplate.Render(context, NullEncoder.Default);
            return new(NormalizeNewlines(markdown), []);
        }
        catch (InvalidOperationException ex)
        {
            // The sandbox's step and recursion limits end a render with an exception: report it, do not crash.
            return new(null, [new(TemplateProblemKind.InvalidTemplate, null, ex.Message)]);
        }
    }

    /// <summary>
    /// The limits on the text's shape, checked in one pass without recursion before the parser sees the text:
    /// length, characters, number and length of tags, depth of blocks, depth of brackets inside a tag.
    /// </summary>
    private static TemplateProblem? CheckShape(string body)
    {
        if (body.Length > MaxBodyLength)
        {
            return new(TemplateProblemKind.TooLong, null, $"The template text can have at most {MaxBodyLength} characters.");
        }

        if (TextRules.CheckLongText(body) != TextProblem.None)
        {
            return new(TemplateProblemKind.InvalidCharacters, null, "The template text contains control characters or bidirectional overrides.");
        }

        var tags = 0;
        var blockDepth = 0;
        for (var start = body.IndexOf('{', StringComparison.Ordinal); start >= 0 && start + 1 < body.Length; start = body.IndexOf('{', start + 1))
        {
            var kind = body[start + 1];
            if (kind is not ('{' or '%'))
            {
                continue;
            }

            var end = body.IndexOf(kind == '{' ? "}}" : "%}", start + 2, StringComparison.Ordinal);
            if (++tags > MaxTags)
            {
                return new(TemplateProblemKind.TooComplex, null, $"A template can have at most {MaxTags} tags.");
            }

            if (end < 0 || end + 2 - start > MaxTagLength)
            {
                return new(TemplateProblemKind.TooComplex, null, $"A tag is longer than {MaxTagLength} characters or not closed.");
            }

            var tag = body.AsSpan(start + 2, end - start - 2);
            if (BracketDepth(tag) > MaxBracketDepth)
            {
                return new(TemplateProblemKind.TooDeeplyNested, null, $"Brackets in a tag can nest at most {MaxBracketDepth} levels deep.");
            }

            if (kind == '%')
            {
                var name = TagName(tag);
                if (BlockTags.Contains(name) && ++blockDepth > MaxBlockDepth)
                {
                    return new(TemplateProblemKind.TooDeeplyNested, null, $"if/unless blocks can nest at most {MaxBlockDepth} levels deep.");
                }

                if (name.StartsWith("end", StringComparison.Ordinal) && blockDepth > 0)
                {
                    blockDepth--;
                }
            }

            start = end;
        }

        return null;
    }

    private static int BracketDepth(ReadOnlySpan<char> tag)
    {
        int depth = 0, deepest = 0;
        char quote = '\0';
        foreach (var c in tag)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '(' or '[')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is ')' or ']' && depth > 0)
            {
                depth--;
            }
        }

        return deepest;
    }

    /// <summary>The tag's first word: "if" in "{%- if a %}".</summary>
    private static string TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('-').TrimStart();
        var length = 0;
        while (length < tag.Length && (char.IsAsciiLetter(tag[length]) || tag[length] == '_'))
        {
            length++;
        }

        return tag[..length].ToString();
    }

    /// <summary>
    /// The sandbox's grammar: text, placeholders (with filters), comments, raw blocks and if/unless. No loops,
    /// assignments, includes or captures — nothing that can run long, read files or build large values.
    /// </summary>
    private static Statement? FirstDisallowed(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            var children = statement switch
            {
                TextSpanStatement or OutputStatement or CommentStatement or RawStatement => [],
                IfStatement branch => [.. branch.Statements, .. branch.ElseIfs, .. branch.Else is null ? [] : new Statement[] { branch.Else }],
                UnlessStatement unless => [.. unless.Statements, .. unless.Else is null ? [] : new Statement[] { unless.Else }],
                ElseIfStatement or ElseStatement => ((TagStatement)statement).Statements,
                _ => null,
            };
            if (children is null)
            {
                return statement;
            }

            if (FirstDisallowed(children) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>The names used in {{ … }} output tags (first identifier), for checking templates against their definitions.</summary>
    public static IReadOnlyList<string> VariablesUsedIn(string body)
        => OutputTag().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    private static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            MaxSteps = 100_000,
            MaxRecursion = 10,
        };
        // Nothing of .NET is reachable from a template: only the string values set above.
        options.MemberAccessStrategy = new DefaultMemberAccessStrategy();
        return options;
    }

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex OutputTag();
}
