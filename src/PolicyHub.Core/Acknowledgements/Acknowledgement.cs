using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Acknowledgements;

public enum AcknowledgementMethod
{
    /// <summary>The person ticked the statement and confirmed on the reading page, signed in through the auth service.</summary>
    WebForm = 0,
}

/// <summary>
/// The evidence that one person acknowledged one exact published text: what was shown (version, fingerprint,
/// statement, language), how and when, and who they were at that moment (subject, name, email, IP, browser).
/// Never changes once written; unique per person and version.
/// </summary>
public sealed class Acknowledgement : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The request it answered; other open requests of the same person for the same text are answered by it too.</summary>
    public Guid RequestId { get; set; }

    public Guid MembershipId { get; set; }
    public Guid PolicyId { get; set; }
    public Guid PolicyVersionId { get; set; }
    public int VersionNumber { get; set; }

    /// <summary>SHA-256 of the canonical Markdown of the text that was read — the version's, or its translation's in <see cref="Language"/>.</summary>
    public byte[] ContentHash { get; set; } = [];

    /// <summary>The statement exactly as the person saw it, in the language they saw it.</summary>
    public required string Statement { get; set; }

    /// <summary>The language of the text that was shown ("en" or "de").</summary>
    public required string Language { get; set; }

    public AcknowledgementMethod Method { get; set; }

    /// <summary>The full name the person typed, when they typed one (an organisation may require it).</summary>
    public string? TypedName { get; set; }

    public DateTime AcknowledgedAt { get; set; }

    /// <summary>The OIDC subject that was signed in.</summary>
    public required string Subject { get; set; }

    /// <summary>The person's name and email at that moment (later changes to the membership do not alter the evidence).</summary>
    public required string DisplayName { get; set; }

    public required string Email { get; set; }
    /// <summary>When a comprehension check was asked: the fingerprint of the questions passed; null otherwise.</summary>
    public byte[]? QuestionsHash { get; set; }

    /// <summary>When a comprehension check was asked: how many tries it took to answer every question right.</summary>
    public int? QuestionAttempts { get; set; }

    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}
