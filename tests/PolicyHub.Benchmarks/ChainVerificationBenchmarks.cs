using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using PolicyHub.Core.Audit;
using PolicyHub.Verify;
using PolicyHub.Web.Features.Audit;

namespace PolicyHub.Benchmarks;

/// <summary>
/// Verifying a chain of a million events, against the least any verifier must do: SHA-256 over the same bytes
/// (each payload, then the 137-byte link of prefix, organisation, sequence, previous hash and payload digest).
/// The events look like the app's acknowledgements; the export file is written by the app's own exporter.
/// </summary>
[Config(typeof(Settings))]
[MemoryDiagnoser]
public class ChainVerificationBenchmarks
{
    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7).WithInvocationCount(1).WithUnrollFactor(1));
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }

    private static readonly byte[] Prefix = [.. Encoding.ASCII.GetBytes(AuditHashing.DomainPrefix), 0];
    private readonly Guid _tenant = Guid.CreateVersion7();
    private List<AuditEvent> _events = [];
    private byte[][] _links = [];
    private string _file = string.Empty;

    [Params(1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var previous = AuditHashing.Genesis;
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _events = new List<AuditEvent>(Events);
        _links = new byte[Events][];
        for (var sequence = 1L; sequence <= Events; sequence++)
        {
            var member = Guid.CreateVersion7().ToString();
            var data = new JsonObject
            {
                ["request"] = Guid.CreateVersion7().ToString(), ["requests"] = 1, ["policy"] = Guid.CreateVersion7().ToString(), ["version"] = Guid.CreateVersion7().ToString(),
                ["number"] = 3, ["contentHash"] = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(sequence))), ["language"] = "en", ["method"] = "WebForm", ["typedName"] = false,
            };
            var time = at.AddSeconds(sequence * 30);
            var entity = Guid.CreateVersion7().ToString();
            var payload = AuditHashing.CanonicalPayload(_tenant, time, member, "acknowledgement.recorded", "Acknowledgement", entity, data);
            var hash = AuditHashing.ComputeHash(_tenant, sequence, previous, payload);
            _events.Add(new AuditEvent
            {
                TenantId = _tenant, Sequence = sequence, OccurredAt = time, Actor = member, Action = "acknowledgement.recorded", EntityType = "Acknowledgement",
                EntityId = entity, Payload = payload, PreviousHash = previous, Hash = hash,
            });

            // The link as the hash covers it, with room for the payload's digest.
            var link = new byte[Prefix.Length + 16 + 8 + 32 + 32];
            Prefix.CopyTo(link, 0);
            _tenant.TryWriteBytes(link.AsSpan(Prefix.Length), bigEndian: true, out _);
            BinaryPrimitives.WriteInt64BigEndian(link.AsSpan(Prefix.Length + 16), sequence);
            previous.CopyTo(link, Prefix.Length + 24);
            _links[sequence - 1] = link;
            previous = hash;
        }

        _file = Path.Combine(Path.GetTempPath(), $"policyhub-bench-{Guid.NewGuid():N}.jsonl");
        await using var output = File.Create(_file);
        var header = new AuditExportHeader(_tenant, "Benchmark AG", DateTime.UtcNow, true, Events, previous, new Dictionary<string, string>());
        await AuditExport.WriteJsonLinesAsync(header, _events.ToAsyncEnumerable(), output, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary>The baseline: SHA-256 over the payload and over the link, for every event, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int RawSha256()
    {
        var matches = 0;
        Span<byte> digest = stackalloc byte[32];
        for (var i = 0; i < _events.Count; i++)
        {
            var link = _links[i];
            SHA256.HashData(_events[i].Payload, link.AsSpan(link.Length - 32));
            SHA256.HashData(link, digest);
            matches += digest[0] == _events[i].Hash[0] ? 1 : 0;
        }

        return matches;
    }

    /// <summary>The auditor's tool on the export file (policyhub-verify): parse each line, recompute, compare, link.</summary>
    [Benchmark]
    public long VerifyExportFile()
    {
        using var export = File.OpenRead(_file);
        var verdict = ExportVerifier.Verify(export);
        return verdict.Ok ? verdict.Events : throw new InvalidOperationException(verdict.Message);
    }

    /// <summary>The app's own check over stored events (as loaded from the database).</summary>
    [Benchmark]
    public long VerifyStoredEvents()
    {
        var result = AuditChainVerifier.Verify(_tenant, _events);
        return result.IsValid ? result.EventsChecked : throw new InvalidOperationException(result.Problem);
    }
}
