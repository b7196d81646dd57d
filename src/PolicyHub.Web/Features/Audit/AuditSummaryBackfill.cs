using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Audit;

/// <summary>
/// Fills the summary and policy columns of audit events written before those columns existed, once, in small
/// batches. Only these descriptive copies change; the hashed payload and the hashes are never touched.
/// </summary>
public sealed class AuditSummaryBackfill(IServiceScopeFactory scopes, ILogger<AuditSummaryBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var filled = await RunAsync(stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("Filled the summary of {Count} older audit events.", filled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Filling older audit summaries failed; it is tried again at the next start.");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        }

        var filled = 0;
        foreach (var tenantId in tenants)
        {
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
                db.UseTenant(tenantId);
                var events = await db.AuditEvents.AsNoTracking().Where(e => e.Summary == null).OrderBy(e => e.Sequence).Take(Batch)
                    .Select(e => new { e.Sequence, e.Payload }).ToListAsync(ct);
                if (events.Count == 0)
                {
                    break;
                }

                foreach (var item in events)
                {
                    var (summary, policy) = AuditSummary.FromPayload(item.Payload);
                    await db.AuditEvents.Where(e => e.Sequence == item.Sequence)
                        .UpdateInTenantAsync(db, s => s.SetProperty(e => e.Summary, summary).SetProperty(e => e.PolicyId, policy), ct);
                }

                filled += events.Count;
            }
        }

        return filled;
    }
}
