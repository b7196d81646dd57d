namespace PolicyHub.Core.Email;

/// <summary>An email as the product composes it, before any transport sees it.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    /// <summary>Stable id (the outbox row's) so that a receiver can recognise a redelivered message.</summary>
    public string? MessageId { get; init; }
}
