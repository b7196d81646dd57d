using FluentValidation;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Text;

namespace PolicyHub.ServiceDefaults.Validation;

/// <summary>
/// The text rules of <see cref="TextRules"/> and <see cref="PolicyMarkdown"/> as FluentValidation rules with
/// localized messages, so every form of both services words the same refusal the same way. Each rule is one
/// check: with the rule-level cascade set to Stop (<see cref="ValidationDefaults"/>), an expensive rule after it
/// runs only on text that passed the cheap ones.
/// </summary>
public static class TextValidation
{
    /// <summary>A name or title: something visible, at most <paramref name="maxLength"/> characters, no control or direction-override characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength, Func<string> whenEmpty)
        => rule.Must(value => TextRules.CheckName(value, maxLength) == TextProblem.None)
            .WithMessage((_, value) => TextRules.CheckName(value, maxLength) switch
            {
                TextProblem.Empty => whenEmpty(),
                var problem => Message(l, problem, maxLength),
            });

    /// <summary>An optional name-like text (a category): empty is fine, anything else follows the name rule.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalName<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength)
        => rule.Must(value => string.IsNullOrWhiteSpace(value) || TextRules.CheckName(value, maxLength) == TextProblem.None)
            .WithMessage((_, value) => Message(l, TextRules.CheckName(value, maxLength), maxLength));

    /// <summary>A longer free text (a reason, a summary, a description): line breaks allowed, at most <paramref name="maxLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidLongText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength)
        => rule.Must(value => value is null || (value.Length <= maxLength && TextRules.CheckLongText(value) == TextProblem.None))
            .WithMessage((_, value) => Message(l, value!.Length > maxLength ? TextProblem.TooLong : TextRules.CheckLongText(value), maxLength));

    /// <summary>A policy or template text: renders within <see cref="PolicyMarkdown"/>'s limits (the same check publishing relies on).</summary>
    public static IRuleBuilderOptions<T, string?> ValidMarkdown<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l)
        => rule.Must(value => PolicyMarkdown.Check(value ?? string.Empty) == MarkdownProblem.None)
            .WithMessage((_, value) => Message(l, PolicyMarkdown.Check(value ?? string.Empty)));

    /// <summary>An email address: one address of at most <paramref name="maxLength"/> characters, nothing around it, no control characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength)
        => rule.Must(value => TextRules.IsEmail(value, maxLength)).WithMessage(_ => l["Enter a valid email address."]);

    public static string Message(IStringLocalizer l, TextProblem problem, int maxLength) => problem switch
    {
        TextProblem.TooLong => l["Use at most {0} characters.", maxLength],
        TextProblem.ControlCharacter => l["Remove the control characters (such as line breaks, tabs or NUL) from this text."],
        TextProblem.BidiControl => l["Remove the characters that override the writing direction (such as U+202E) from this text."],
        TextProblem.Empty => l["Enter some visible text."],
        _ => string.Empty,
    };

    public static string Message(IStringLocalizer l, MarkdownProblem problem) => problem switch
    {
        MarkdownProblem.TooLong => l["The text can have at most {0} characters.", PolicyMarkdown.MaxLength],
        MarkdownProblem.TooDeeplyNested => l["The text nests quotes, lists or formatting too deeply (at most {0} levels). Flatten it and try again.", PolicyMarkdown.MaxDepth],
        MarkdownProblem.TooManyElements => l["The text has too many parts to show (at most {0} paragraphs, list items and other elements, and {1} links). Split it up.", PolicyMarkdown.MaxElements, PolicyMarkdown.MaxLinks],
        MarkdownProblem.ControlCharacter => l["The text contains control characters (such as NUL) or characters that override the writing direction. Remove them and try again."],
        _ => string.Empty,
    };
}

/// <summary>FluentValidation's settings for both services, set once at start.</summary>
public static class ValidationDefaults
{
    /// <summary>
    /// A rule stops at its first failing check: a length rule that fails keeps the expensive checks after it
    /// (rendering a template, parsing Markdown) from ever seeing the text.
    /// </summary>
    public static void Apply() => ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
}
