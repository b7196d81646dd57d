using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Testing;
using PolicyHub.Web.Features.Audit;
using Xunit.Abstractions;

namespace PolicyHub.Verify.Tests;

/// <summary>Runs alone: other test classes' allocations in the same process would blur the measurement.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Exports stream: the live managed heap while exporting a large trail stays far below the size of what is
/// written (measured by sampling the heap after a full collection as the bytes go out, not assumed), and the
/// result still verifies.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class ExportMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 100_000;
    private TestDatabase _database = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _tenant = (await _database.CreateTenantAsync("bulk")).Id;
        await using var db = _database.NewContext(_tenant);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var head = await db.AuditChainHeads.SingleAsync();
        var previous = head.LastHash;
        var sequence = head.LastSequence;
        var at = DateTime.UtcNow;
        // Test data written straight into the table, chained by the same rules (the appender is tested elsewhere).
        for (var batch = 0; batch < Events / 5000; batch++)
        {
            for (var i = 0; i < 5000; i++)
            {
                sequence++;
                var entity = Guid.NewGuid().ToString();
                var payload = AuditHashing.CanonicalPayload(_tenant, at, "system", "reminder.sent", "ReminderDigest", entity, new JsonObject { ["kind"] = "Reminder", ["requests"] = i % 7 });
                var hash = AuditHashing.ComputeHash(_tenant, sequence, previous, payload);
                db.AuditEvents.Add(new AuditEvent
                {
                    TenantId = _tenant, Sequence = sequence, OccurredAt = at, Actor = "system", Action = "reminder.sent", EntityType = "ReminderDigest", EntityId = entity,
                    Payload = payload, PreviousHash = previous, Hash = hash,
                });
                previous = hash;
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, previous));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ExportJsonLines_LargeTrail_HeapStaysFarBelowTheOutput_AndVerifies()
    {
        await using var db = _database.NewContext(_tenant);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        var file = Path.Combine(Path.GetTempPath(), $"policyhub-export-{Guid.NewGuid():N}.jsonl");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long written;
        long peak;
        await using (var sink = new HeapSamplingStream(File.Create(file)))
        {
            await AuditExport.WriteJsonLinesAsync(
                new AuditExportHeader(_tenant, "bulk", DateTime.UtcNow, true, head.LastSequence, head.LastHash, new Dictionary<string, string>()),
                db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), sink, CancellationToken.None);
            written = sink.Written;
            peak = sink.PeakHeap;
        }

        var growth = peak - baseline;
        output.WriteLine($"{Events} events, {written / 1_048_576.0:F1} MB written; live heap at start {baseline / 1_048_576.0:F1} MB, peak {peak / 1_048_576.0:F1} MB, growth {growth / 1_048_576.0:F1} MB ({(double)growth / written:P0} of the output).");
        Assert.True(written > 40_000_000, $"Only {written} bytes were written: the test no longer measures a large export.");
        Assert.True(growth < written / 4, $"The heap grew by {growth} bytes while exporting {written} bytes: the export does not stream.");

        using var reader = new StreamReader(file);
        var verdict = ExportVerifier.Verify(reader);
        Assert.True(verdict.Ok, verdict.Message);
        Assert.Equal(Events + 1, verdict.Events);
        File.Delete(file);
    }

    /// <summary>Passes bytes to a file and samples the live managed heap (after a full collection) every 4 MB written.</summary>
    private sealed class HeapSamplingStream(Stream inner) : Stream
    {
        private long _nextSample;

        public long Written { get; private set; }
        public long PeakHeap { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
            if (Written >= _nextSample)
            {
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: true));
                _nextSample = Written + (4 * 1_048_576);
            }
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
