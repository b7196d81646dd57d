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
                        db.Audit(new AuditEntry("policy.draft_edited", "PolicyVersion", Guid.NewGuid().ToString(),
                            new JsonObject { ["number"] = (batch * 100) + i, ["note"] = $"ümlaut & \"quotes\" {slug}" }), Guid.NewGuid().ToString());
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
    [InlineData("hash not hex", 77L)]
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
            case "hash not hex":
                var garbled = JsonNode.Parse(lines[Line(77)])!;
                garbled["hash"] = garbled["hash"]!.GetValue<string>()[..^1] + "g";
                lines[Line(77)] = garbled.ToJsonString();
                break;
        }

        var verdict = Verify(lines);

        Assert.False(verdict.Ok, "A tampered export verified.");
        Assert.Equal(expected, verdict.FailedAt);
        Assert.StartsWith("FAILED", verdict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valid", null)]
    [InlineData("forged", 500L)]
    [InlineData("unknown key", 500L)]
    [InlineData("backwards", 400L)]
    [InlineData("rewritten chain", 1000L)]
    [InlineData("expired key", 500L)]
    public async Task Verify_SignedCheckpoints_ValidOnesMatch_ForgedOrBackwardsOnesFail(string tamper, long? expected)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var tenant = _tenants["acme"];
        var t0 = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
        var hashes = await HashesAsync("acme");
        Core.Audit.AuditCheckpoint Sign(long sequence, byte[] hash, DateTime at, string keyId = "k1") => new()
        {
            TenantId = tenant, Sequence = sequence, Hash = hash, SignedAt = at, KeyId = keyId,
            Signature = key.SignData(Core.Audit.CheckpointSigning.Message(tenant, sequence, hash, at, keyId), System.Security.Cryptography.HashAlgorithmName.SHA256),
        };
        var checkpoints = new List<Core.Audit.AuditCheckpoint> { Sign(500, hashes[500], t0), Sign(1000, hashes[1000], t0.AddHours(1)) };
        var validTo = (DateTime?)null;
        switch (tamper)
        {
            case "forged":
                checkpoints[0].Hash = hashes[501]; // the signature was made over event 500's hash
                break;
            case "unknown key":
                checkpoints[0] = Sign(500, hashes[500], t0, keyId: "k9");
                break;
            case "backwards":
                checkpoints.Add(Sign(400, hashes[400], t0.AddHours(2)));
                break;
            case "rewritten chain":
                checkpoints[1] = Sign(1000, new byte[32], t0.AddHours(1));
                break;
            case "expired key":
                validTo = t0.AddMinutes(-1);
                break;
        }

        var lines = await ExportAsync("acme", checkpoints: checkpoints, keys: w => WriteKey(w, key, validTo));

        var verdict = Verify(lines);

        Assert.Equal(expected is null, verdict.Ok);
        Assert.Equal(expected, verdict.FailedAt);
        if (expected is null)
        {
            Assert.Contains("2 of 2 signed checkpoints match the chain", verdict.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_IndependentKeys_WithoutTheSigningKey_RejectTheCheckpoint()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var tenant = _tenants["acme"];
        var hashes = await HashesAsync("acme");
        var at = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
        var checkpoint = new Core.Audit.AuditCheckpoint
        {
            TenantId = tenant, Sequence = 10, Hash = hashes[10], SignedAt = at, KeyId = "k1",
            Signature = key.SignData(Core.Audit.CheckpointSigning.Message(tenant, 10, hashes[10], at, "k1"), System.Security.Cryptography.HashAlgorithmName.SHA256),
        };
        // The export claims its own key; the published document (passed like --keys) has a different key under that id.
        var lines = await ExportAsync("acme", checkpoints: [checkpoint], keys: w => WriteKey(w, key, null));
        using var published = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(published))
        {
            writer.WriteStartObject();
            WriteKey(writer, other, null);
            writer.WriteEndObject();
        }

        Assert.True(Verify(lines).Ok);
        var verdict = ExportVerifier.Verify(new StringReader(string.Join('\n', lines)), new StringReader(Encoding.UTF8.GetString(published.ToArray())));
        Assert.False(verdict.Ok);
        Assert.Equal(10, verdict.FailedAt);
    }

    private static void WriteKey(System.Text.Json.Utf8JsonWriter writer, System.Security.Cryptography.ECDsa key, DateTime? validTo)
    {
        writer.WriteStartArray("keys");
        writer.WriteStartObject();
        writer.WriteString("id", "k1");
        writer.WriteString("algorithm", "ES256");
        writer.WriteString("publicKey", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        writer.WriteString("validFrom", "2026-01-01T00:00:00Z");
        if (validTo is { } to)
        {
            writer.WriteString("validTo", to.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private async Task<Dictionary<long, byte[]>> HashesAsync(string slug)
    {
        await using var db = _database.NewContext(_tenants[slug]);
        return await db.AuditEvents.AsNoTracking().ToDictionaryAsync(e => e.Sequence, e => e.Hash);
    }

    [Fact]
    public async Task Verify_FieldsTheLineEscapes_AFileWithBomAndCrLf_AndAnAlteredEscapedActor()
    {
        // The line's JSON escapes non-ASCII and HTML-sensitive characters (\u00FC, \u003C ...); the payload is
        // canonical: the verifier compares the unescaped texts.
        var tenant = await _database.CreateTenantAsync("escapes");
        _tenants["escapes"] = tenant.Id;
        await using (var db = _database.NewContext(tenant.Id))
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Audit(new AuditEntry("policy.draft_edited", "PolicyVersion", "entwurf-ü/<1>", new JsonObject { ["note"] = "ü" }), "client:jürgen & <\"co\">");
                return await db.SaveChangesAsync(ct);
            });
        }

        var lines = await ExportAsync("escapes");
        Assert.Contains(lines, l => l.Contains("\\u00FC", StringComparison.OrdinalIgnoreCase));
        var file = Path.Combine(Path.GetTempPath(), $"policyhub-verify-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            await using (var stream = File.OpenRead(file))
            {
                var verdict = ExportVerifier.Verify(stream);
                Assert.True(verdict.Ok, verdict.Message);
                Assert.Equal(2, verdict.Events);
            }

            var altered = lines.Select(l => l.Replace("j\\u00FCrgen", "j\\u00FCrgan", StringComparison.OrdinalIgnoreCase)).ToList();
            var tampered = Verify(altered);
            Assert.False(tampered.Ok);
            Assert.Contains("the actor differs between the line and the hashed payload", tampered.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Verify_NotAnExport_SaysSo()
    {
        Assert.False(ExportVerifier.Verify(new StringReader(string.Empty)).Ok);
        Assert.Contains("header", ExportVerifier.Verify(new StringReader("{\"hello\":1}")).Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> ExportAsync(string slug, Func<AuditEvent, bool>? keep = null,
        IReadOnlyList<AuditCheckpoint>? checkpoints = null, Action<System.Text.Json.Utf8JsonWriter>? keys = null)
    {
        await using var db = _database.NewContext(_tenants[slug]);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        var events = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        if (keep is not null)
        {
            events = events.Where(keep);
        }

        using var stream = new MemoryStream();
        await AuditExport.WriteJsonLinesAsync(
            new AuditExportHeader(_tenants[slug], slug, DateTime.UtcNow, keep is null, head.LastSequence, head.LastHash, new Dictionary<string, string>())
            {
                Checkpoints = checkpoints ?? [], Keys = keys,
            },
            events, stream, CancellationToken.None);
        return [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static Verdict Verify(List<string> lines) => ExportVerifier.Verify(new StringReader(string.Join('\n', lines)));
}
