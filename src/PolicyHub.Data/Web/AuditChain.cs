using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;

namespace PolicyHub.Data.Web;

/// <summary>
/// Appends to an organisation's hash chain. The head row is updated first, which locks it until the
/// transaction ends (a row lock on SQL Server, the write lock on SQLite), so appenders of one organisation take
/// turns and each sees the previous one's committed head. The (tenant, sequence) key is the backstop.
/// </summary>
internal static class AuditChain
{
    public static async Task AppendAsync(PolicyHubDbContext db, IReadOnlyList<PendingAuditEvent> pending, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new TenantIsolationException("Audit events need a current organisation.");
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events must be written in the transaction of the change: use InTransactionAsync.");
        }

        var head = db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.TenantId == tenantId)?.Entity;
        long last;
        byte[] previous;
        if (head is not null)
        {
            // A new organisation: its head is inserted by this very save.
            last = head.LastSequence;
            previous = head.LastHash;
        }
        else
        {
            var reserved = await db.AuditChainHeads.Where(h => h.TenantId == tenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence + pending.Count), cancellationToken);
            if (reserved != 1)
            {
                throw new InvalidOperationException($"Organisation {tenantId} has no audit chain head.");
            }

            var stored = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.TenantId == tenantId, cancellationToken);
            last = stored.LastSequence - pending.Count;
            previous = stored.LastHash;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var item in pending)
        {
            last++;
            var payload = AuditHashing.CanonicalPayload(tenantId, now, item.Actor, item.Action, item.EntityType, item.EntityId, item.Data);
            var hash = AuditHashing.ComputeHash(tenantId, last, previous, payload);
            db.AuditEvents.Add(new AuditEvent
            {
                TenantId = tenantId,
                Sequence = last,
                OccurredAt = now,
                Actor = item.Actor,
                Action = item.Action,
                EntityType = item.EntityType,
                EntityId = item.EntityId,
                Payload = payload,
                PreviousHash = previous,
                Hash = hash,
            });
            previous = hash;
        }

        if (head is not null)
        {
            head.LastSequence = last;
            head.LastHash = previous;
        }
        else
        {
            var finalHash = previous;
            await db.AuditChainHeads.Where(h => h.TenantId == tenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, finalHash), cancellationToken);
        }
    }
}
