namespace PolicyHub.Core.Templates;

/// <summary>What kind of value a template variable takes: it decides the field shown and the check made.</summary>
public enum TemplateVariableType
{
    /// <summary>A name or phrase, inserted as it is written.</summary>
    Text,
    /// <summary>One plain email address (local@domain).</summary>
    Email,
    /// <summary>A telephone number with its country code (+49 30 1234567), checked with libphonenumber.</summary>
    Phone,
    /// <summary>An absolute http or https address.</summary>
    Url,
    /// <summary>One of the variable's <see cref="TemplateVariable.Choices"/>.</summary>
    Choice,
    /// <summary>A whole number from 1 to 10,000 (hours, minutes, days).</summary>
    Number,
}

/// <summary>
/// One variable a template asks for: what to call it, how to explain it, whether it must be filled, what kind
/// of value it takes and (for a choice) the values offered.
/// </summary>
public sealed record TemplateVariable(
    string Name,
    string Label,
    string? Help,
    bool Required,
    string? Default,
    TemplateVariableType Type = TemplateVariableType.Text,
    IReadOnlyList<string>? Choices = null)
{
    /// <summary>The variable every template uses for the organisation's name; it is prefilled with the organisation's name.</summary>
    public const string CompanyName = "company_name";
}

/// <summary>
/// A policy template in one language: Markdown with Liquid placeholders ({{ company_name }}), and the
/// definitions of those placeholders. Built-in templates ship with PolicyHub; organisations can add their own.
/// </summary>
public sealed record PolicyTemplate(
    string Key,
    string Language,
    string Category,
    string Title,
    string Description,
    string Body,
    IReadOnlyList<TemplateVariable> Variables)
{
    /// <summary>The values a new policy's form starts with: each variable's default, the organisation's name for the company name.</summary>
    public Dictionary<string, string?> InitialValues(string organisationName)
        => Variables.ToDictionary(
            v => v.Name,
            v => v.Default ?? (v.Name == TemplateVariable.CompanyName ? organisationName : null),
            StringComparer.Ordinal);
}
