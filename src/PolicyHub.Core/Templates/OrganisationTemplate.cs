using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Templates;

/// <summary>
/// A template an organisation saved for itself (from scratch or from one of its policies). Its placeholders
/// ({{ name }}) become required variables; it is filled in the same sandbox as the built-in library.
/// </summary>
public sealed class OrganisationTemplate : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Title { get; set; }
    public string Category { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = "en";
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The template in the library's shape, with one required variable per placeholder.</summary>
    public PolicyTemplate ToPolicyTemplate() => new(
        Id.ToString(), Language, Category, Title, Description, Body,
        [.. TemplateRenderer.VariablesUsedIn(Body).Select(name => new TemplateVariable(name, name.Replace('_', ' '), null, Required: true, Default: null))]);
}
