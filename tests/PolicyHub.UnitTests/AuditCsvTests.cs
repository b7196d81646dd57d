using System.Text;
using PolicyHub.Core.Audit;
using PolicyHub.Testing;
using PolicyHub.Web.Features.Audit;

namespace PolicyHub.UnitTests;

/// <summary>The audit CSV: cells a spreadsheet would run as formulas are neutralised, and an independent RFC 4180 parser reads the file back.</summary>
public sealed class AuditCsvTests
{
    [Fact]
    public async Task WriteCsv_FormulaCellsEscaped_QuotesCommasAndLineBreaksRoundTrip()
    {
        var tenant = Guid.NewGuid();
        var dangerous = new[] { "=HYPERLINK(\"http://evil.example\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd" };
        var events = dangerous.Select((text, i) => Event(tenant, i + 1, actor: text, summary: $"harmless, \"quoted\"\nsecond line {i}")).ToList();

        using var stream = new MemoryStream();
        await AuditExport.WriteCsvAsync(events.ToAsyncEnumerable(), stream, CancellationToken.None);

        var rows = Rfc4180.Parse(stream.ToArray());
        Assert.Equal(AuditExport.CsvColumns, rows[0]);
        Assert.Equal(dangerous.Length, rows.Count - 1);
        for (var i = 0; i < dangerous.Length; i++)
        {
            var row = rows[i + 1];
            Assert.Equal("'" + dangerous[i], row[3]); // the actor cell: shown as text, never run
            Assert.Equal(events[i].Summary, row[7]);
            Assert.Equal(Encoding.UTF8.GetString(events[i].Payload), row[8]);
            Assert.Equal(Convert.ToHexStringLower(events[i].Hash), row[10]);
        }
    }

    private static AuditEvent Event(Guid tenant, long sequence, string actor, string summary)
    {
        var payload = AuditHashing.CanonicalPayload(tenant, DateTime.UtcNow, actor, "member.changed", "Membership", Guid.NewGuid().ToString(), new System.Text.Json.Nodes.JsonObject { ["nameChanged"] = true });
        return new AuditEvent
        {
            TenantId = tenant, Sequence = sequence, OccurredAt = DateTime.UtcNow, Actor = actor, Action = "member.changed", EntityType = "Membership",
            EntityId = Guid.NewGuid().ToString(), Payload = payload, Summary = summary, PreviousHash = new byte[32], Hash = AuditHashing.ComputeHash(tenant, sequence, new byte[32], payload),
        };
    }
}
