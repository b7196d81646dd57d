using PolicyHub.Core.Email;

namespace PolicyHub.ServiceDefaults.Email;

/// <summary>Delivers one email now. Product code never calls it directly: it enqueues into the outbox.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
