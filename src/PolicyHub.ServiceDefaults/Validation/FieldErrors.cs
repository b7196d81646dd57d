using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PolicyHub.ServiceDefaults.Validation;

/// <summary>The ids that tie a field to its line in the error summary (_Errors).</summary>
public static class FieldErrors
{
    /// <summary>The id ASP.NET Core gives the field of this name ("Values[company_name]" → "Values_company_name_").</summary>
    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string SummaryId(string fieldId) => "error-" + fieldId;
}

/// <summary>
/// A field with an error says so to assistive technology: aria-invalid, and aria-describedby pointing at its message in
/// the error summary. Runs after the built-in tag helpers, so it sees the name they wrote. Only fields bound with
/// asp-for: a tag helper on every input would forbid the conditional attributes (checked="@…") hand-written fields use.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } name
            || output.Attributes["type"]?.Value?.ToString() is "hidden" or "submit" or "button"
            || !ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        var summary = FieldErrors.SummaryId(FieldErrors.Id(name));
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(described) ? summary : $"{described} {summary}");
    }
}
