using Microsoft.Extensions.Options;

namespace PolicyHub.Web.Features.Reminders;

/// <summary>
/// Runs a reminder round at a regular interval. With several Web instances, a lease in the database lets one
/// of them work at a time; should it crash, the lease runs out and another takes over. The per-day digest rows
/// make a second round on the same day (or a round racing "remind now") send nothing twice.
/// </summary>
public sealed class ReminderScheduler(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderScheduler> logger) : BackgroundService
{
    public const string LeaseName = "reminders";

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A reminder round failed; the next one picks up what is still due.");
            }
        }
    }

    /// <summary>One round over every organisation; null when another instance holds the lease.</summary>
    public async Task<ReminderRoundResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var leaseScope = scopes.CreateAsyncScope();
        var lease = leaseScope.ServiceProvider.GetRequiredService<DatabaseLease>();
        if (!await lease.TryAcquireAsync(LeaseName, _holder, options.Value.LeaseDuration, cancellationToken))
        {
            logger.LogDebug("Another instance holds the reminder lease.");
            return null;
        }

        try
        {
            var organisations = await leaseScope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().Tenants.AsNoTracking().ToListAsync(cancellationToken);
            var total = ReminderRoundResult.None;
            foreach (var organisation in organisations)
            {
                await using var scope = scopes.CreateAsyncScope();
                total = total.Add(await scope.ServiceProvider.GetRequiredService<ReminderSender>().RunAsync(organisation, cancellationToken));
                await using (var reviews = scopes.CreateAsyncScope())
                {
                    total = total with { ReviewReminders = total.ReviewReminders + await reviews.ServiceProvider.GetRequiredService<Policies.ReviewReminders>().RunAsync(organisation, cancellationToken) };
                }

                // Renew: a round over many organisations must not outlive its lease.
                await lease.TryAcquireAsync(LeaseName, _holder, options.Value.LeaseDuration, cancellationToken);
            }

            if (total.Reminders + total.OwnerEscalations + total.ManagerEscalations + total.ReviewReminders > 0)
            {
                logger.LogInformation("Reminder round: {Reminders} reminders, {Owners} owner and {Managers} manager escalations, {Reviews} review reminders queued.",
                    total.Reminders, total.OwnerEscalations, total.ManagerEscalations, total.ReviewReminders);
            }

            return total;
        }
        finally
        {
            await lease.ReleaseAsync(LeaseName, _holder, CancellationToken.None);
        }
    }
}
