using BenchmarkDotNet.Running;
using PolicyHub.Benchmarks;
using PolicyHub.Benchmarks.Load;

// Micro-benchmarks:  dotnet run -c Release --project tests/PolicyHub.Benchmarks -- --filter '*'
// Page latency:      dotnet run -c Release --project tests/PolicyHub.Benchmarks -- pages --database <generated .db>
// Acknowledge load:  dotnet run -c Release --project tests/PolicyHub.Benchmarks -- acknowledge [--people 50 --policies 10]
// CSV export:        dotnet run -c Release --project tests/PolicyHub.Benchmarks -- export --database <generated .db>  (build src/PolicyHub.Web in Release first)
// Audience sync:     dotnet run -c Release --project tests/PolicyHub.Benchmarks -- sync --database <generated .db>
return args.FirstOrDefault() switch
{
    "pages" => await PageLatency.RunAsync(args[1..]),
    "acknowledge" => await AcknowledgeThroughput.RunAsync(args[1..]),
    "export" => await ExportThroughput.RunAsync(args[1..]),
    "sync" => await SyncRound.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ChainVerificationBenchmarks).Assembly).Run(args);
    return 0;
}
