using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/PolicyHub.Benchmarks -- --filter '*'   (BenchmarkDotNet's own options apply)
BenchmarkSwitcher.FromAssembly(typeof(PolicyHub.Benchmarks.ChainVerificationBenchmarks).Assembly).Run(args);
