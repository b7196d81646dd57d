using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;

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
}

public sealed record TemplateProblem(TemplateProblemKind Kind, string? Variable, string Detail);

/// <summary>
/// Fills templates with Fluid (Liquid) in a sandbox: no file system, no .NET members, bounded steps and
/// recursion. Values are plain text inserted into Markdown (the Markdown is sanitized when rendered to HTML).
/// A missing required variable is a validation problem, never an empty hole in the text.
/// </summary>
public static partial class TemplateRenderer
{
    public const int MaxValueLength = 500;

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    public static TemplateRenderResult Render(PolicyTemplate template, IReadOnlyDictionary<string, string?> values)
        => Render(template.Body, template.Variables, values);

    public static TemplateRenderResult Render(string body, IReadOnlyList<TemplateVariable> variables, IReadOnlyDictionary<string, string?> values)
    {
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
