using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Demo;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Testing;

namespace PolicyHub.Benchmarks.Load;

/// <summary>
/// The complete audit trail of the generated organisation (about a million events) exported as CSV through the
/// real endpoint, by a compliance officer signed in through the auth service, from the Web app running as its own
/// process (so that its memory is its own): rows per second, and the process's peak memory sampled every 50 ms.
/// Baseline in the same run: <c>sqlite3 -csv</c> selecting the same columns of the same rows from the same file.
/// Both outputs are read to the end by the same loop, which counts lines.
/// </summary>
public static class ExportThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = Path.GetFullPath(PageLatency.Option(args, "--database") ?? throw new ArgumentException("--database <generated SQLite file> is required."));
        var slug = PageLatency.Option(args, "--slug") ?? "bench";
        var runs = int.Parse(PageLatency.Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        await using var servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            o.Web["ConnectionStrings:PolicyHub"] = $"Data Source={database}";
            o.Web["Demo:SeedOrganisation"] = "false";
            o.Web["Reminders:Interval"] = "1.00:00:00";
            o.Web["Campaigns:SyncInterval"] = "1.00:00:00";
            o.Web["Checkpoints:Interval"] = "1.00:00:00";
            o.Web["Logging:LogLevel:Default"] = "Warning";
            o.Identity["Logging:LogLevel:Default"] = "Warning";
        });

        Guid tenantId;
        long events;
        var options = new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, $"Data Source={database}").Options;
        await using (var db = new PolicyHubDbContext(options))
        {
            tenantId = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug)).Id;
            db.UseTenant(tenantId);
            events = await db.AuditEvents.CountAsync();
            await PageLatency.RebindDemoPeopleAsync(db);
        }

        // Sign in while the Web app runs in-process, then hand its port to the Web process: the cookie stays valid
        // (the data-protection keys live in the database).
        using var officer = LiveServers.NewBrowser();
        await servers.SignInToWebAsync(officer, $"compliance@{DemoPeople.Domain}", DemoPeople.Password);
        await servers.StopWebAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var web = await WebProcess.StartAsync(servers.WebSettings, servers.WebUrl);
        var idle = web.MemoryBytes("VmRSS");
        var idleAnon = web.MemoryBytes("RssAnon");
        var idleFile = web.MemoryBytes("RssFile");

        Console.WriteLine($"Audit trail of /o/{slug}: {events:N0} events (and one more per export: the export is recorded). Web process resident after start: {idle / 1048576.0:F0} MB ({idleAnon / 1048576.0:F0} MB own, {idleFile / 1048576.0:F0} MB mapped files).");
        Console.WriteLine("| Run | HTTP rows/s | sqlite3 -csv rows/s | HTTP / sqlite3 | Web peak RSS MB | of which own (anon) MB | mapped file MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var run = 1; run <= runs; run++)
        {
            var token = await officer.AntiforgeryTokenAsync($"{servers.WebUrl}/o/{slug}/audit");
            using var sampler = new MemorySampler(web);
            var watch = Stopwatch.StartNew();
            using var response = await officer.Http.PostAsync($"{servers.WebUrl}/o/{slug}/audit/export.csv",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), CancellationToken.None);
            response.EnsureSuccessStatusCode();
            var httpLines = await CountLinesAsync(await response.Content.ReadAsStreamAsync());
            var http = watch.Elapsed;
            var (peak, anon, file) = sampler.Stop();

            watch.Restart();
            var sqliteLines = await SqliteCsvAsync(database, tenantId);
            var sqlite = watch.Elapsed;
            if (Math.Abs(httpLines - sqliteLines) > 1 + run)
            {
                throw new InvalidOperationException($"The HTTP export has {httpLines} lines, sqlite3 {sqliteLines}.");
            }

            var rows = httpLines - 1; // header
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {rows / http.TotalSeconds:N0} | {sqliteLines / sqlite.TotalSeconds:N0} | {sqlite.TotalSeconds / http.TotalSeconds * rows / sqliteLines:F2} | {peak / 1048576.0:F0} | {anon / 1048576.0:F0} | {file / 1048576.0:F0} |"));
        }

        return 0;
    }

    /// <summary>The same columns as the app's CSV (payload as text, hashes in hex), in chain order.</summary>
    private static async Task<long> SqliteCsvAsync(string database, Guid tenantId)
    {
        var sql = "SELECT TenantId, Sequence, OccurredAt, Actor, Action, EntityType, EntityId, Summary, CAST(Payload AS TEXT), lower(hex(PreviousHash)), lower(hex(Hash)) "
            + $"FROM AuditEvents WHERE TenantId = '{tenantId.ToString().ToUpperInvariant()}' ORDER BY Sequence;";
        var start = new ProcessStartInfo("sqlite3", ["-csv", "-readonly", database, sql]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var lines = await CountLinesAsync(process.StandardOutput.BaseStream);
        await process.WaitForExitAsync();
        return lines;
    }

    private static async Task<long> CountLinesAsync(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    /// <summary>Samples the Web process's resident memory every 50 ms; the peaks of total, own (anonymous) and mapped-file pages.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peak, _anon, _file;

        public MemorySampler(WebProcess web)
        {
            _sampling = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    _peak = Math.Max(_peak, web.MemoryBytes("VmRSS"));
                    _anon = Math.Max(_anon, web.MemoryBytes("RssAnon"));
                    _file = Math.Max(_file, web.MemoryBytes("RssFile"));
                    await Task.Delay(50);
                }
            });
        }

        public (long Peak, long Anon, long File) Stop()
        {
            _stop.Cancel();
            _sampling.Wait();
            return (_peak, _anon, _file);
        }

        public void Dispose() => _stop.Dispose();
    }
}
