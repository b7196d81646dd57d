using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Benchmarks.Load;

/// <summary>
/// One round of the audience synchronisation (<see cref="AssignmentSyncWorker"/>, every five minutes by default) over
/// the generated organisation: every active assignment brought in line with its audience, on an unchanged
/// organisation (nothing to do). Reports the time, the processor time and the managed heap's peak. Baseline in the
/// same run: reading every request's assignment, person and status once with a plain data reader.
/// </summary>
public static class SyncRound
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = Path.GetFullPath(PageLatency.Option(args, "--database") ?? throw new ArgumentException("--database <generated SQLite file> is required."));
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<PolicyHubDbContext>(o => o.UsePolicyHubProvider(DatabaseProvider.Sqlite, $"Data Source={database}"))
            .AddScoped<AudienceSync>()
            .BuildServiceProvider();
        var worker = new AssignmentSyncWorker(services.GetRequiredService<IServiceScopeFactory>(), new ConfigurationBuilder().Build(), NullLogger<AssignmentSyncWorker>.Instance);

        Console.WriteLine("| Round | seconds | processor seconds | managed heap peak MB | requests changed |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        for (var round = 1; round <= 2; round++)
        {
            GC.Collect();
            using var sampler = new HeapSampler();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var changed = await worker.SyncAllAsync(CancellationToken.None);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {watch.Elapsed.TotalSeconds:F1} | {cpu.TotalSeconds:F1} | {sampler.PeakBytes / 1048576.0:F0} | {changed} |"));
        }

        var baseline = Stopwatch.StartNew();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT AssignmentId, MembershipId, Status FROM AcknowledgementRequests";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0L;
            while (await reader.ReadAsync())
            {
                rows += reader.GetString(0).Length > 0 && reader.GetString(1).Length > 0 ? 1 : 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Baseline: {rows:N0} requests read once in {baseline.Elapsed.TotalSeconds:F1} s."));
        }

        return 0;
    }

    private sealed class HeapSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public HeapSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                await Task.Delay(50);
            }
        });

        public long PeakBytes => Math.Max(_peak, GC.GetTotalMemory(false));

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
