using PolicyHub.Core.Email;
using PolicyHub.Data.Outbox;

namespace PolicyHub.ServiceDefaults.Email;

public static class OutboxExtensions
{
    /// <summary>
    /// Adds the email to the context's outbox. It is written by the caller's next SaveChanges, inside the
    /// caller's transaction, so the email exists exactly when the change that caused it does.
    /// </summary>
    public static void EnqueueEmail(this IOutboxContext context, EmailMessage email, TimeProvider time)
        => context.OutboxMessages.Add(OutboxMessage.For(email, time.GetUtcNow().UtcDateTime));
}
