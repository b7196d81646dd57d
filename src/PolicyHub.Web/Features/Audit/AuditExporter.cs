using PolicyHub.Core.Audit;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Audit;

/// <summary>
/// One audit trail export, for the pages and the API alike: records who exported what (an `audit.exported` event),
/// then streams the events through the filter as they stood just before that record, as CSV or JSON Lines.
/// </summary>
public sealed class AuditExporter(PolicyHubDbContext db, TenantContext tenant, CheckpointKeyRing keys, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "jsonl"];

    /// <param name="format">"csv" or "jsonl".</param>
    /// <param name="filter">The validated filter (its Before is ignored: exports are never paged).</param>
    /// <param name="query">The events through the filter, from <see cref="AuditTrail.QueryAsync"/>.</param>
    /// <param name="response">Where the file goes.</param>
    /// <param name="ct">Cancels the export.</param>
    public async Task ExportAsync(string format, AuditFilter filter, IQueryable<AuditEvent> query, HttpResponse response, CancellationToken ct)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(ct);
        var complete = filter.IsEmpty;
        // The record is hashed for good, so it names no one: the person by membership id (the catalog keeps search text out).
        var filterRecord = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in filter.Pairs())
        {
            filterRecord.Add(new(key, key == "person" ? (await db.Memberships.AsNoTracking().FindIdAsync(value, ct))?.ToString() : value));
        }

        await db.InTransactionAsync(async token =>
        {
            db.Audit(Core.Audit.AuditEvents.AuditExported(tenant.Tenant.Id, format, complete, head.LastSequence, filterRecord), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);

        var upTo = head.LastSequence;
        var events = query.Where(e => e.Sequence <= upTo).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        var stamp = time.GetUtcNow().UtcDateTime;
        var name = $"audit-{tenant.Tenant.Slug}-{stamp:yyyyMMdd-HHmmss}.{format}";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        if (format == "csv")
        {
            response.ContentType = "text/csv; charset=utf-8";
            await SqliteConnectionSettings.WithoutMemoryMapAsync(db, () => AuditExport.WriteCsvAsync(events, response.Body, ct), ct);
            return;
        }

        response.ContentType = "application/x-ndjson; charset=utf-8";
        var header = new AuditExportHeader(tenant.Tenant.Id, tenant.Tenant.Name, stamp, complete, head.LastSequence, head.LastHash,
            filter.Pairs().ToDictionary(p => p.Key, p => p.Value))
        {
            Keys = keys.WriteDocument,
            Checkpoints = await db.AuditCheckpoints.AsNoTracking().Where(c => c.Sequence <= upTo).OrderBy(c => c.SignedAt).ToListAsync(ct),
        };
        await SqliteConnectionSettings.WithoutMemoryMapAsync(db, () => AuditExport.WriteJsonLinesAsync(header, events, response.Body, ct), ct);
    }
}
