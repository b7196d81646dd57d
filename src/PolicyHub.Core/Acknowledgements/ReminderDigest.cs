using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Acknowledgements;

public enum DigestKind
{
    /// <summary>To a person: the policies they still have to acknowledge.</summary>
    Reminder = 0,
    /// <summary>To a policy's owner: who is overdue on their policies.</summary>
    OwnerEscalation = 1,
    /// <summary>To a person's manager (an email on the membership): which of their people are overdue.</summary>
    ManagerEscalation = 2,
}

/// <summary>
/// One email of the reminder scheduler. The unique (tenant, kind, recipient, day) index is what makes "at most
/// one email per recipient per day" hold, even with several instances or a retried run: the row is written in
/// the same transaction as the outbox message it stands for.
/// </summary>
public sealed class ReminderDigest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public DigestKind Kind { get; set; }

    /// <summary>The membership id for reminders and owner escalations; the normalized email for managers.</summary>
    public required string Recipient { get; set; }

    /// <summary>The UTC day it was sent on.</summary>
    public DateTime Day { get; set; }

    public DateTime SentAt { get; set; }
    public int Requests { get; set; }
}
