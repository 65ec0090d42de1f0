using BenchmarkDotNet.Running;
using MedChain.Benchmarks;

// `make bench` runs everything; `dotnet run -c Release -- --filter '*Crypto*'` runs a part.
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
