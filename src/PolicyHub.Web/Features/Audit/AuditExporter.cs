using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Members;
using PolicyHub.Web.Features.Tenancy;

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
        // The record is hashed for good, so it names no one: the person by membership id, search text only as "searched".
        var filterRecord = new JsonObject();
        foreach (var (key, value) in filter.Pairs())
        {
            filterRecord[key] = key switch
            {
                "person" => (await db.Memberships.AsNoTracking().FindIdAsync(value, ct))?.ToString(),
                "q" => true,
                _ => value,
            };
        }

        await db.InTransactionAsync(async token =>
        {
            db.Audit(AuditCatalog.Exported, "AuditTrail", tenant.Tenant.Id.ToString(), tenant.Actor, new JsonObject
            {
                ["format"] = format, ["complete"] = complete, ["upToSequence"] = head.LastSequence, ["filter"] = filterRecord,
            });
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
