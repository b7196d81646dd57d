using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;

namespace PolicyHub.Data.Web;

/// <summary>
/// Appends to an organisation's hash chain. The head row is updated first, which locks it until the
/// transaction ends (a row lock on SQL Server, the write lock on SQLite), so appenders of one organisation take
/// turns and each sees the previous one's committed head. The (tenant, sequence) key is the backstop: should
/// two appenders ever meet on one number, SaveChanges rolls back to a savepoint and appends again.
/// </summary>
internal static class AuditChain
{
    public const string Savepoint = "audit_append";
    public const int MaxAttempts = 3;

    /// <summary>A violation of the (tenant, sequence) key: SQLite's UNIQUE constraint, SQL Server's primary key (2627).</summary>
    public static bool IsSequenceConflict(DbUpdateException exception)
        => exception.InnerException?.Message is { } message
           && message.Contains("AuditEvents", StringComparison.Ordinal)
           && (message.Contains("UNIQUE", StringComparison.Ordinal) || message.Contains("PRIMARY KEY", StringComparison.Ordinal));

    /// <summary>Chains the pending events after the organisation's head and adds them to the context; returns them.</summary>
    /// <param name="db">The unit of work.</param>
    /// <param name="pending">The events to chain, in order.</param>
    /// <param name="resynchronize">After a conflict: move the head to the last stored event first, so the next numbers are free.</param>
    /// <param name="cancellationToken">Cancels the database calls.</param>
    public static async Task<IReadOnlyList<AuditEvent>> AppendAsync(PolicyHubDbContext db, IReadOnlyList<PendingAuditEvent> pending, bool resynchronize, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new TenantIsolationException("Audit events need a current organisation.");

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
            if (resynchronize)
            {
                var stored = await db.AuditEvents.AsNoTracking().Where(e => e.TenantId == tenantId)
                    .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync(cancellationToken);
                await db.AuditChainHeads.Where(h => h.TenantId == tenantId)
                    .UpdateInTenantAsync(db, s => s.SetProperty(h => h.LastSequence, stored.Sequence).SetProperty(h => h.LastHash, stored.Hash), cancellationToken);
            }

            var reserved = await db.AuditChainHeads.Where(h => h.TenantId == tenantId)
                .UpdateInTenantAsync(db, s => s.SetProperty(h => h.LastSequence, h => h.LastSequence + pending.Count), cancellationToken);
            if (reserved != 1)
            {
                throw new InvalidOperationException($"Organisation {tenantId} has no audit chain head.");
            }

            var current = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.TenantId == tenantId, cancellationToken);
            last = current.LastSequence - pending.Count;
            previous = current.LastHash;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var appended = new List<AuditEvent>(pending.Count);
        foreach (var item in pending)
        {
            last++;
            var payload = AuditHashing.CanonicalPayload(tenantId, now, item.Actor, item.Action, item.EntityType, item.EntityId, item.Data);
            var hash = AuditHashing.ComputeHash(tenantId, last, previous, payload);
            var auditEvent = new AuditEvent
            {
                TenantId = tenantId,
                Sequence = last,
                OccurredAt = now,
                Actor = item.Actor,
                Action = item.Action,
                EntityType = item.EntityType,
                EntityId = item.EntityId,
                Payload = payload,
                Summary = AuditSummary.Describe(item.Action, item.EntityType, item.EntityId, item.Data),
                PolicyId = AuditSummary.PolicyOf(item.EntityType, item.EntityId, item.Data),
                PreviousHash = previous,
                Hash = hash,
            };
            db.AuditEvents.Add(auditEvent);
            appended.Add(auditEvent);
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
                .UpdateInTenantAsync(db, s => s.SetProperty(h => h.LastHash, finalHash), cancellationToken);
        }

        return appended;
    }
}
