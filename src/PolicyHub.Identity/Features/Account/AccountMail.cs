using PolicyHub.Core.Email;
using PolicyHub.Data.Identity;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Identity.Features.Account;

/// <summary>
/// How the account pages send email, in one place: at most one message per address in a while (the throttle), links
/// on the service's public origin, and always through the outbox of the auth database.
/// </summary>
public sealed class AccountMail(AuthDbContext db, TimeProvider time, ServiceDefaults.Security.PublicOrigin origin, AccountMailThrottle throttle)
{
    public Task<bool> MaySendToAsync(string address) => throttle.MaySendToAsync(address);

    /// <summary>An absolute link to a path of this service, as the email's reader must open it.</summary>
    public string Link(HttpRequest request, string path) => origin.Link(request, path);

    /// <summary>Adds the message to the outbox; the caller saves (in its own transaction, where it has one).</summary>
    public void Enqueue(EmailMessage message) => db.EnqueueEmail(message, time);

    /// <summary>Adds the message to the outbox and saves it.</summary>
    public async Task SendAsync(EmailMessage message)
    {
        Enqueue(message);
        await db.SaveChangesAsync();
    }
}
