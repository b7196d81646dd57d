using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>
/// Brings every active assignment in line with its audience at a regular interval, so people who join, move or
/// leave are picked up without anyone remembering to. Safe with several instances: synchronising is idempotent
/// and the (assignment, member) unique index stops a second instance from creating the same request twice.
/// </summary>
public sealed class AssignmentSyncWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AssignmentSyncWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Campaigns:SyncInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SyncAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Synchronising assignments failed; trying again at the next interval.");
            }
        }
    }

    /// <summary>Every organisation, every active assignment; returns the number of requests changed.</summary>
    public async Task<int> SyncAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var changed = 0;
        foreach (var tenantId in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
            db.UseTenant(tenantId);
            var active = await db.Assignments.AsNoTracking().Where(a => a.Status == AssignmentStatus.Active).Select(a => a.Id).ToListAsync(cancellationToken);
            var sync = scope.ServiceProvider.GetRequiredService<AudienceSync>();
            foreach (var assignmentId in active)
            {
                var result = await sync.SyncAsync(assignmentId, Core.Audit.AuditActor.System, initial: false, cancellationToken);
                changed += result.Created + result.Reopened + result.Withdrawn;
                db.ChangeTracker.Clear(); // one organisation's assignments share the context: keep none of them in memory
            }
        }

        return changed;
    }
}
