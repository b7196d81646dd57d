using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Testing;
using PolicyHub.Web.Features.Audit;

namespace PolicyHub.Verify.Tests;

/// <summary>Thousands of events in several organisations, exported as the Web app exports them, checked by the verifier; then tampered with.</summary>
public sealed class ExportVerifierTests : IAsyncLifetime
{
    private const int EventsPerTenant = 1500;
    private TestDatabase _database = null!;
    private readonly Dictionary<string, Guid> _tenants = [];
    private static readonly string[] Slugs = ["acme", "globex", "initech"];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        foreach (var slug in Slugs)
        {
            var tenant = await _database.CreateTenantAsync(slug);
            _tenants[slug] = tenant.Id;
            await using var db = _database.NewContext(tenant.Id);
            for (var batch = 0; batch < EventsPerTenant / 100; batch++)
            {
                await db.InTransactionAsync(async ct =>
                {
                    for (var i = 0; i < 100; i++)
                    {
                        db.Audit("policy.draft_edited", "PolicyVersion", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(),
                            new JsonObject { ["number"] = (batch * 100) + i, ["note"] = $"ümlaut & \"quotes\" {slug}" });
                    }

                    return await db.SaveChangesAsync(ct);
                });
            }
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Verify_CompleteExportsOfSeveralOrganisations_AreOk()
    {
        foreach (var slug in Slugs)
        {
            var lines = await ExportAsync(slug);

            var verdict = Verify(lines);

            Assert.True(verdict.Ok, verdict.Message);
            Assert.Equal(EventsPerTenant + 1, verdict.Events); // plus "organisation.created"
        }
    }

    [Fact]
    public async Task Verify_FilteredExport_ChecksEachEventAndTheLinksItHas()
    {
        var lines = await ExportAsync("acme", e => e.Sequence % 3 != 0 && e.Sequence > 10);

        var verdict = Verify(lines);

        Assert.True(verdict.Ok, verdict.Message);
        Assert.Contains("filtered", verdict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload byte", 500L)]
    [InlineData("delete", 700L)]
    [InlineData("swap", 300L)]
    [InlineData("insert", 901L)]
    [InlineData("truncate end", 1501L)]
    [InlineData("actor", 42L)]
    [InlineData("other organisation", 10L)]
    public async Task Verify_TamperedExport_FailsAtTheRightSequence(string tamper, long expected)
    {
        var lines = await ExportAsync("acme");
        var other = await ExportAsync("globex");
        int Line(long sequence) => (int)sequence; // line 0 is the header, line n is event n
        switch (tamper)
        {
            case "payload byte":
                var node = JsonNode.Parse(lines[Line(500)])!;
                var payload = Convert.FromBase64String(node["payload"]!.GetValue<string>());
                payload[^3] ^= 0x01;
                node["payload"] = Convert.ToBase64String(payload);
                lines[Line(500)] = node.ToJsonString();
                break;
            case "delete":
                lines.RemoveAt(Line(700));
                break;
            case "swap":
                (lines[Line(300)], lines[Line(301)]) = (lines[Line(301)], lines[Line(300)]);
                break;
            case "insert":
                // A forged event 901 that links correctly to 900, pushing the real one back: the real 901 no longer links.
                var forged = JsonNode.Parse(lines[Line(901)])!;
                var forgedPayload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Convert.FromBase64String(forged["payload"]!.GetValue<string>())).Replace("ümlaut", "forged", StringComparison.Ordinal));
                forged["payload"] = Convert.ToBase64String(forgedPayload);
                forged["hash"] = Convert.ToHexStringLower(ExportVerifier.ComputeHash(_tenants["acme"], 901, Convert.FromHexString(forged["previousHash"]!.GetValue<string>()), forgedPayload));
                lines.Insert(Line(901), forged.ToJsonString());
                break;
            case "truncate end":
                lines.RemoveAt(lines.Count - 1);
                break;
            case "actor":
                var changed = JsonNode.Parse(lines[Line(42)])!;
                changed["actor"] = Guid.NewGuid().ToString();
                lines[Line(42)] = changed.ToJsonString();
                break;
            case "other organisation":
                lines[Line(10)] = other[Line(10)];
                break;
        }

        var verdict = Verify(lines);

        Assert.False(verdict.Ok, "A tampered export verified.");
        Assert.Equal(expected, verdict.FailedAt);
        Assert.StartsWith("FAILED", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NotAnExport_SaysSo()
    {
        Assert.False(ExportVerifier.Verify(new StringReader(string.Empty)).Ok);
        Assert.Contains("header", ExportVerifier.Verify(new StringReader("{\"hello\":1}")).Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> ExportAsync(string slug, Func<AuditEvent, bool>? keep = null)
    {
        await using var db = _database.NewContext(_tenants[slug]);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        var events = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        if (keep is not null)
        {
            events = events.Where(keep);
        }

        using var stream = new MemoryStream();
        await AuditExport.WriteJsonLinesAsync(new AuditExportHeader(_tenants[slug], slug, DateTime.UtcNow, keep is null, head.LastSequence, head.LastHash, new Dictionary<string, string>()),
            events, stream, CancellationToken.None);
        return [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static Verdict Verify(List<string> lines) => ExportVerifier.Verify(new StringReader(string.Join('\n', lines)));
}
