using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PolicyHub.Data.Outbox;

namespace PolicyHub.ServiceDefaults.Email;

/// <summary>
/// Sends the outbox of one database. Safe with several instances: a message is claimed with a conditional
/// update (a lease), so only one instance sends it; a crashed instance's lease simply runs out.
/// Delivery is at least once: a crash between sending and recording it resends, with the same Message-Id.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchDueAsync(stoppingToken);
                if (sent > 0)
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying after the poll interval.");
            }

            try
            {
                await signal.WaitAsync(options.Value.Outbox.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every due message once; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
        var now = time.GetUtcNow().UtcDateTime;

        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var message in due)
        {
            var leaseUntil = now + settings.LeaseDuration;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseUntil).SetProperty(m => m.LockedBy, _instance), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            try
            {
                await sender.SendAsync(message.ToEmail(), cancellationToken);
                var sentAt = time.GetUtcNow().UtcDateTime;
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LockedUntil, (DateTime?)null)
                        .SetProperty(m => m.LastError, (string?)null), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                var failedNow = time.GetUtcNow().UtcDateTime;
                var giveUp = attempts >= settings.MaxAttempts;
                var next = failedNow + OutboxRetry.Delay(attempts, settings);
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                logger.LogWarning(ex, "Sending outbox message {MessageId} failed (attempt {Attempt} of {MaxAttempts}).",
                    message.Id, attempts, settings.MaxAttempts);
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.FailedAt, giveUp ? failedNow : null)
                        .SetProperty(m => m.LockedUntil, (DateTime?)null)
                        .SetProperty(m => m.LastError, error), CancellationToken.None);
            }
        }

        return sent;
    }
}

public static class OutboxRetry
{
    /// <summary>Exponential back-off: base, 2×base, 4×base … capped.</summary>
    public static TimeSpan Delay(int attempts, OutboxSettings settings)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.BaseRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }
}
