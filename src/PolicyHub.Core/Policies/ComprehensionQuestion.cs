using System.Security.Cryptography;
using System.Text.Json;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

/// <summary>
/// One multiple-choice question of a version's comprehension check, in the version's language. Written while the
/// version is a draft, reviewed with it and frozen when it is published, like the text. A wrong answer points back
/// to the section (the n-th heading of the text) that answers it.
/// </summary>
public sealed class ComprehensionQuestion : ITenantOwned
{
    public const int MaxPerVersion = 10;
    public const int MinOptions = 2;
    public const int MaxOptions = 5;
    public const int MaxTextLength = 500;
    public const int MaxOptionLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyVersionId { get; set; }

    /// <summary>1-based order on the page.</summary>
    public int Position { get; set; }

    public required string Text { get; set; }

    /// <summary>The answers offered, in the order shown.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>The 0-based index of the right answer in <see cref="Options"/>.</summary>
    public int CorrectOption { get; set; }

    /// <summary>The 0-based index of the heading (in text order) whose section answers the question; null for the whole text.</summary>
    public int? SectionIndex { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The fingerprint of a version's questions, recorded with every attempt and acknowledgement.</summary>
public static class ComprehensionHash
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// SHA-256 over the UTF-8 of a JSON array, one object per question in position order with the members
    /// text, options, correct, section (in that order; section null when the question points at the whole text),
    /// no whitespace, non-ASCII characters as themselves — see docs/audit-verification.md.
    /// </summary>
    public static byte[] Compute(IEnumerable<ComprehensionQuestion> questions)
    {
        var canonical = questions.OrderBy(q => q.Position)
            .Select(q => new Canonical(q.Text, q.Options, q.CorrectOption, q.SectionIndex))
            .ToList();
        return SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, Json));
    }

    private sealed record Canonical(
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("options")] List<string> Options,
        [property: System.Text.Json.Serialization.JsonPropertyName("correct")] int Correct,
        [property: System.Text.Json.Serialization.JsonPropertyName("section")] int? Section);
}
