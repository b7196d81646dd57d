using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Policies;

public enum PolicyVersionStatus
{
    Draft = 0,
    InReview = 1,
    Approved = 2,
    Published = 3,
    /// <summary>A later version was published.</summary>
    Superseded = 4,
    /// <summary>The policy was retired while this version was in force.</summary>
    Retired = 5,
}

/// <summary>
/// One text of a policy. Drafts change; once published, the Markdown, its sanitized HTML and its content hash
/// never change again (the DbContext refuses it), because acknowledgements point at exactly this text.
/// </summary>
public sealed class PolicyVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyId { get; set; }
    public int Number { get; set; }
    public PolicyVersionStatus Status { get; set; }

    /// <summary>"en" or "de".</summary>
    public string Language { get; set; } = "en";

    public string Markdown { get; set; } = string.Empty;

    /// <summary>Set when the version is published: the sanitized HTML of <see cref="Markdown"/>.</summary>
    public string? Html { get; set; }

    /// <summary>Set when the version is published: SHA-256 over the canonical Markdown (see <see cref="ContentHash"/>).</summary>
    public byte[]? ContentHash { get; set; }

    public string? ChangeSummary { get; set; }

    /// <summary>Material: everyone must acknowledge again. Minor: earlier acknowledgements stay valid.</summary>
    public bool IsMaterialChange { get; set; } = true;

    /// <summary>The template it was started from, if any (key and language of the library entry).</summary>
    public string? TemplateKey { get; set; }

    public Guid AuthorId { get; set; }
    public Guid? ApproverId { get; set; }
    public Guid? PublisherId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>When the reviewers were last reminded that this version waits for them (null: not since it was submitted).</summary>
    public DateTime? ReviewRemindedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? RejectionReason { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The last save of the draft's text: when and by whom (shown to whoever edits it at the same time).</summary>
    public DateTime? DraftSavedAt { get; set; }

    public Guid? DraftSavedBy { get; set; }

    /// <summary>
    /// The editing session (one opening of the editor) whose saves the last "policy.draft_edited" event covers: the
    /// autosaves of one session are one event, a new session records a new one.
    /// </summary>
    public Guid? EditSession { get; set; }

    /// <summary>
    /// Freezes the text as published: its sanitized HTML and its fingerprint, when and by whom. From here on the
    /// text can never change (the DbContext refuses to save a changed published text).
    /// </summary>
    public void Publish(DateTime now, Guid publisher)
    {
        Html = PolicyMarkdown.ToSafeHtml(Markdown);
        ContentHash = Policies.ContentHash.Compute(Markdown);
        PublishedAt = now;
        PublisherId = publisher;
    }
}
