using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Audit;

/// <summary>Signs an organisation's chain head (sequence, hash, time) with the current checkpoint key and stores the checkpoint.</summary>
public sealed class Checkpoints(PolicyHubDbContext db, CheckpointKeyRing keys, TimeProvider time)
{
    /// <summary>A checkpoint of the current head; null when the chain is empty or the head is already checkpointed.</summary>
    public async Task<AuditCheckpoint?> CreateAsync(CancellationToken ct)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(ct);
        if (head is null || head.LastSequence == 0
            || await db.AuditCheckpoints.AnyAsync(c => c.Sequence == head.LastSequence, ct))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // the signed time has millisecond precision
        var key = keys.Signer(now);
        var checkpoint = new AuditCheckpoint
        {
            TenantId = head.TenantId, Sequence = head.LastSequence, Hash = head.LastHash, SignedAt = now, KeyId = key.Id,
            Signature = key.PrivateKey!.SignData(CheckpointSigning.Message(head.TenantId, head.LastSequence, head.LastHash, now, key.Id), HashAlgorithmName.SHA256),
        };
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        return checkpoint;
    }
}

/// <summary>Signs every organisation's moved head at an interval; one instance at a time (database lease).</summary>
public sealed class CheckpointWorker(IServiceScopeFactory scopes, CheckpointKeyRing keys, IOptions<CheckpointOptions> options, ILogger<CheckpointWorker> logger) : BackgroundService
{
    public const string LeaseName = "checkpoints";
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Taking the key ring here makes a missing key stop the app at start, not at the first checkpoint.
        logger.LogInformation("Audit checkpoints are signed every {Interval} with one of {Count} keys ({Ids}).",
            options.Value.Interval, keys.Keys.Count, string.Join(", ", keys.Keys.Select(k => k.Id)));
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Signing audit checkpoints failed; trying again at the next interval.");
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var leaseScope = scopes.CreateAsyncScope();
        var lease = leaseScope.ServiceProvider.GetRequiredService<DatabaseLease>();
        if (!await lease.TryAcquireAsync(LeaseName, _holder, TimeSpan.FromMinutes(10), ct))
        {
            return 0;
        }

        try
        {
            var tenants = await leaseScope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
            var signed = 0;
            foreach (var tenantId in tenants)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
                db.UseTenant(tenantId);
                signed += await scope.ServiceProvider.GetRequiredService<Checkpoints>().CreateAsync(ct) is null ? 0 : 1;
            }

            return signed;
        }
        finally
        {
            await lease.ReleaseAsync(LeaseName, _holder, CancellationToken.None);
        }
    }
}
