using System.Text;
using System.Text.Json;
using CsvHelper;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Audit;

/// <summary>Where an export comes from: which organisation, whether it is the whole trail, and its head at the time.</summary>
public sealed record AuditExportHeader(Guid TenantId, string Organisation, DateTime ExportedAt, bool Complete, long HeadSequence, byte[] HeadHash, IReadOnlyDictionary<string, string> Filter)
{
    /// <summary>Writes the checkpoint keys into the header (the published key document); null for none.</summary>
    public Action<Utf8JsonWriter>? Keys { get; init; }

    /// <summary>The organisation's signed checkpoints, written after the header and before the events.</summary>
    public IReadOnlyList<AuditCheckpoint> Checkpoints { get; init; } = [];
}

/// <summary>
/// Writes audit events as they come from the database (never the whole result in memory): CSV for people and
/// spreadsheets (cells that a spreadsheet would run as a formula are escaped), JSON Lines for verifiers
/// (the exact payload bytes, both hashes; format in docs/audit-verification.md).
/// </summary>
public static class AuditExport
{
    public const string JsonLinesFormat = "policyhub-audit-export/v1";

    public static readonly string[] CsvColumns = ["tenant", "sequence", "occurred_at", "actor", "action", "entity_type", "entity_id", "summary", "payload", "previous_hash", "hash"];

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    private static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape };

    public static async Task WriteCsvAsync(IAsyncEnumerable<AuditEvent> events, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(CsvColumns, ct);
        await foreach (var e in events.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                e.TenantId.ToString(), e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditHashing.FormatTime(e.OccurredAt),
                e.Actor, e.Action, e.EntityType, e.EntityId, e.Summary, Encoding.UTF8.GetString(e.Payload),
                Convert.ToHexStringLower(e.PreviousHash), Convert.ToHexStringLower(e.Hash),
            ], ct);
        }

        await csv.FlushAsync(ct);
    }

    public static async Task WriteJsonLinesAsync(AuditExportHeader header, IAsyncEnumerable<AuditEvent> events, Stream output, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("format", JsonLinesFormat);
        writer.WriteString("type", "header");
        writer.WriteString("tenant", header.TenantId.ToString("D"));
        writer.WriteString("organisation", header.Organisation);
        writer.WriteString("exportedAt", AuditHashing.FormatTime(header.ExportedAt));
        writer.WriteBoolean("complete", header.Complete);
        writer.WriteStartObject("head");
        writer.WriteNumber("sequence", header.HeadSequence);
        writer.WriteString("hash", Convert.ToHexStringLower(header.HeadHash));
        writer.WriteEndObject();
        writer.WriteStartObject("filter");
        foreach (var (key, value) in header.Filter)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteString("hashAlgorithm", "SHA-256(\"" + AuditHashing.DomainPrefix + "\" 0x00 || tenant(16, big-endian) || sequence(int64, big-endian) || previousHash(32) || SHA-256(payload))");
        header.Keys?.Invoke(writer);
        writer.WriteEndObject();
        await NewLineAsync(writer, output, ct);

        foreach (var checkpoint in header.Checkpoints)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "checkpoint");
            writer.WriteNumber("sequence", checkpoint.Sequence);
            writer.WriteString("hash", Convert.ToHexStringLower(checkpoint.Hash));
            writer.WriteString("signedAt", AuditHashing.FormatTime(checkpoint.SignedAt));
            writer.WriteString("keyId", checkpoint.KeyId);
            writer.WriteBase64String("signature", checkpoint.Signature);
            writer.WriteEndObject();
            await NewLineAsync(writer, output, ct);
        }

        var count = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "event");
            writer.WriteNumber("sequence", e.Sequence);
            writer.WriteString("occurredAt", AuditHashing.FormatTime(e.OccurredAt));
            writer.WriteString("actor", e.Actor);
            writer.WriteString("action", e.Action);
            writer.WriteString("entityType", e.EntityType);
            writer.WriteString("entityId", e.EntityId);
            writer.WriteBase64String("payload", e.Payload);
            writer.WriteString("previousHash", Convert.ToHexStringLower(e.PreviousHash));
            writer.WriteString("hash", Convert.ToHexStringLower(e.Hash));
            writer.WriteEndObject();
            await NewLineAsync(writer, output, ct);
            if (++count % 1000 == 0)
            {
                await output.FlushAsync(ct);
            }
        }
    }

    private static async Task NewLineAsync(Utf8JsonWriter writer, Stream output, CancellationToken ct)
    {
        await writer.FlushAsync(ct);
        await output.WriteAsync(NewLine, ct); // never synchronous: the output is the response body
        writer.Reset(output);
    }
}
