using PolicyHub.Core.Templates;

namespace PolicyHub.Web.Features.Templates;

/// <summary>What a template problem says to the person filling or writing the template, in their language.</summary>
public static class TemplateMessages
{
    /// <param name="l">The request's localizer.</param>
    /// <param name="problem">The problem the renderer reported.</param>
    /// <param name="label">The variable's label where the problem is about a value.</param>
    public static string Problem(IStringLocalizer l, TemplateProblem problem, string? label = null) => problem.Kind switch
    {
        TemplateProblemKind.MissingRequired => l["Fill in “{0}”.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.ValueTooLong => l["“{0}” can have at most {1} characters.", label ?? problem.Variable ?? string.Empty, TemplateRenderer.MaxValueLength],
        TemplateProblemKind.ValueInvalidCharacters => l["“{0}” contains control characters or characters that override the writing direction.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.InvalidEmail => l["Enter one email address for “{0}”, such as name@example.com.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.InvalidPhone => l["Enter a telephone number with its country code for “{0}”, such as +49 30 12345678.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.InvalidUrl => l["Enter a web address starting with https:// for “{0}”.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.InvalidChoice => l["Choose one of the options for “{0}”.", label ?? problem.Variable ?? string.Empty],
        TemplateProblemKind.InvalidNumber => l["Enter a whole number from 1 to {1} for “{0}”.", label ?? problem.Variable ?? string.Empty, TemplateValues.MaxNumber],
        TemplateProblemKind.TooLong => l["The text can have at most {0} characters.", TemplateRenderer.MaxBodyLength],
        TemplateProblemKind.TooComplex => l["The template has more than {0} tags, or a tag that is longer than {1} characters or not closed.", TemplateRenderer.MaxTags, TemplateRenderer.MaxTagLength],
        TemplateProblemKind.TooDeeplyNested => l["The template nests if/unless blocks or brackets too deeply (at most {0} levels of blocks and {1} of brackets).", TemplateRenderer.MaxBlockDepth, TemplateRenderer.MaxBracketDepth],
        TemplateProblemKind.InvalidCharacters => l["The text contains control characters (such as NUL) or characters that override the writing direction. Remove them and try again."],
        _ => l["The template text is not valid: {0}", problem.Detail],
    };
}
