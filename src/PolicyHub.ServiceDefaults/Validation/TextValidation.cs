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
    /// <remarks>Empty is fine (say NotEmpty before where it is not); text made only of invisible characters is not.</remarks>
    public static IRuleBuilderOptions<T, string?> ValidLongText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength)
        => rule.Must(value => LongTextProblem(value, maxLength) == TextProblem.None)
            .WithMessage((_, value) => Message(l, LongTextProblem(value, maxLength), maxLength));

    /// <summary>A search or filter text: the long-text characters rule on one line (a search for invisible characters finds nothing a person means).</summary>
    public static IRuleBuilderOptions<T, string?> ValidSearchText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l, int maxLength)
        => rule.Must(value => string.IsNullOrEmpty(value) || TextRules.CheckName(value, maxLength) == TextProblem.None)
            .WithMessage((_, value) => Message(l, TextRules.CheckName(value, maxLength), maxLength));

    /// <summary>A policy or template text: renders within <see cref="PolicyMarkdown"/>'s limits (the same check publishing relies on).</summary>
    public static IRuleBuilderOptions<T, string?> ValidMarkdown<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l)
        => rule.Must(value => TextRules.HasVisibleCharacter(value) && PolicyMarkdown.Check(value!) == MarkdownProblem.None)
            .WithMessage((_, value) => TextRules.HasVisibleCharacter(value) ? Message(l, PolicyMarkdown.Check(value!)) : Message(l, TextProblem.Empty, 0));

    private static TextProblem LongTextProblem(string? value, int maxLength) => value switch
    {
        null or "" => TextProblem.None,
        { Length: var length } when length > maxLength => TextProblem.TooLong,
        _ when TextRules.CheckLongText(value) is var problem and not TextProblem.None => problem,
        _ when !TextRules.HasVisibleCharacter(value) => TextProblem.Empty,
        _ => TextProblem.None,
    };

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
