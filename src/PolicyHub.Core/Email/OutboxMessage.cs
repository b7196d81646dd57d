namespace PolicyHub.Core.Email;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as the change that causes it,
/// so a crash after the commit cannot lose it; a background dispatcher sends it with retries.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set while one instance is sending; another instance may take over once it has passed.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Set when the dispatcher gives up after its last attempt.</summary>
    public DateTime? FailedAt { get; set; }

    public static OutboxMessage For(EmailMessage email, DateTime nowUtc) => new()
    {
        To = email.To,
        Subject = email.Subject,
        TextBody = email.TextBody,
        HtmlBody = email.HtmlBody,
        CreatedAt = nowUtc,
        NextAttemptAt = nowUtc,
    };

    public EmailMessage ToEmail() => new(To, Subject, TextBody, HtmlBody) { MessageId = $"outbox-{Id}" };
}
