using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

/// <summary>
/// The text of a policy version in another language. Written while the version is a draft, approved with it,
/// and frozen with it at publication: then its HTML and its own content hash are set and never change, because
/// a person reading in this language acknowledges exactly this text.
/// </summary>
public sealed class PolicyTranslation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyVersionId { get; set; }

    /// <summary>"en" or "de", never the version's own language.</summary>
    public required string Language { get; set; }

    public string Markdown { get; set; } = string.Empty;

    /// <summary>Set at publication, like the version's.</summary>
    public string? Html { get; set; }

    /// <summary>Set at publication: SHA-256 over the canonical Markdown of this translation.</summary>
    public byte[]? ContentHash { get; set; }

    public Guid UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Freezes the translation with its version: sanitized HTML and fingerprint.</summary>
    public void Publish()
    {
        Html = PolicyMarkdown.ToSafeHtml(Markdown);
        ContentHash = Policies.ContentHash.Compute(Markdown);
    }
}
