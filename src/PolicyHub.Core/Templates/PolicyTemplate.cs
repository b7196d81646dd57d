namespace PolicyHub.Core.Templates;

/// <summary>One variable a template asks for: what to call it, how to explain it, whether it must be filled.</summary>
public sealed record TemplateVariable(string Name, string Label, string? Help, bool Required, string? Default);

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
    IReadOnlyList<TemplateVariable> Variables);
