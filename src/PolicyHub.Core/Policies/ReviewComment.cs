using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

/// <summary>What an entry of a version's review thread records.</summary>
public enum ReviewCommentKind
{
    /// <summary>A remark by the author or a reviewer.</summary>
    Comment = 0,

    /// <summary>The author handed the version in for review.</summary>
    Submitted = 1,

    /// <summary>A reviewer approved it (the text, if any, is their comment).</summary>
    Approved = 2,

    /// <summary>A reviewer sent it back to its author; the text says what should change.</summary>
    ChangesRequested = 3,
}

/// <summary>
/// One entry of a version's review thread — who (membership), when, which step and what they wrote. Kept with the
/// version for good, so its history shows how it was reviewed.
/// </summary>
public sealed class ReviewComment : ITenantOwned
{
    public const int MaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyVersionId { get; set; }
    public Guid AuthorId { get; set; }
    public ReviewCommentKind Kind { get; set; }
    public string Text { get; set; } = string.Empty;
    public DateTime CreatedAt { get; set; }
}
