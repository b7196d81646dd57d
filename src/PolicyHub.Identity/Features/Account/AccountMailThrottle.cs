using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.Identity.Features.Account;

/// <summary>
/// The per-account limit on mails the auth service sends on request (confirmation, reset, "already registered"):
/// counted from the outbox, so it holds across restarts and instances. A request over the limit gets the same page
/// as any other and sends nothing; the per-address rate limit (<see cref="RateLimits.Login"/>) applies first.
/// </summary>
public sealed class AccountMailThrottle(AuthDbContext db, TimeProvider time, IOptions<AuthServerOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<bool> MaySendToAsync(string email, CancellationToken cancel = default)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        var address = email.Trim();
        var sent = await db.OutboxMessages.CountAsync(m => m.To == address && m.CreatedAt > since, cancel);
        return sent < options.Value.AccountEmailsPerHour;
    }
}
