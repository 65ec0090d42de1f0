using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedChain.ChaincodeServerBench;
using MedChain.ShimPeerDriver;

// Usage: MedChain.ChaincodeServerBench [--count N] [--concurrency C] [--warmup W] name=path/to/server[.dll] ...
// A .dll runs under `dotnet`; any other file (a Native AOT or self-contained publish) runs as it is.
// For each server: start it as a process, connect as a peer, run W warm-up transactions, then N
// transactions from C closed-loop workers (Put key-i value-i, then Get key-i), and print one JSON line.
var count = 20_000;
var concurrency = 16;
var warmup = 2_000;
var servers = new List<(string Name, string Dll)>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            var eq = args[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !File.Exists(args[i][(eq + 1)..]))
            {
                await Console.Error.WriteLineAsync($"expected name=path/to/server.dll or name=path/to/executable of an existing file, got '{args[i]}'").ConfigureAwait(false);
                return 2;
            }

            servers.Add((args[i][..eq], Path.GetFullPath(args[i][(eq + 1)..])));
            break;
    }
}

if (servers.Count == 0)
{
    await Console.Error.WriteLineAsync("usage: [--count N] [--concurrency C] [--warmup W] name=server.dll|executable ...").ConfigureAwait(false);
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
foreach (var (name, dll) in servers)
{
    var result = await Bench.RunAsync(name, dll, count, concurrency, warmup, timeout.Token).ConfigureAwait(false);
    Console.WriteLine(JsonSerializer.Serialize(result));
}

return 0;

namespace MedChain.ChaincodeServerBench
{
    internal sealed record BenchResult(
        string Server, int Transactions, int Concurrency, int Errors, double TransactionsPerSecond,
        double ServerCpuMicrosecondsPerTransaction, double ServerPeakResidentMegabytes, double ServerResidentMegabytesAtEnd, double ServerAnonymousResidentMegabytesAtEnd);

    internal static class Bench
    {
        private const int _seedKeys = 1000;

        public static async Task<BenchResult> RunAsync(string name, string dll, int count, int concurrency, int warmup, CancellationToken cancellationToken)
        {
            using var server = ServerProcess.Start(dll, "kv_1.0:0123456789abcdef");
            await using var peer = await ConnectAsync($"http://127.0.0.1:{server.Port}", cancellationToken).ConfigureAwait(false);
            // Gets read keys seeded in the peer's ledger, so a Get never races the Put of its key.
            for (var i = 0; i < _seedKeys; i++)
            {
                peer.Ledger.Put($"seed-{i}", $"value-{i}");
            }

            await DriveAsync(peer, warmup, concurrency, -warmup, cancellationToken).ConfigureAwait(false);

            var cpuBefore = server.CpuSeconds();
            var clock = Stopwatch.StartNew();
            var errors = await DriveAsync(peer, count, concurrency, 0, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = server.CpuSeconds() - cpuBefore;
            return new BenchResult(
                name, count, concurrency, errors, Math.Round(count / elapsed, 1),
                Math.Round(cpu * 1e6 / count, 1), Math.Round(server.PeakResidentMegabytes(), 1), Math.Round(server.ResidentMegabytes(), 1), Math.Round(server.AnonymousResidentMegabytes(), 1));
        }

        // The server needs a moment to start; retry the connection until it listens.
        private static async Task<PeerDriver> ConnectAsync(string address, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var once = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    once.CancelAfter(TimeSpan.FromSeconds(5));
                    return await PeerDriver.ConnectAsync(address, once.Token).ConfigureAwait(false);
                }
                catch (Exception) when (attempt < 100 && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // Closed loop: each worker sends its next transaction when the previous one is answered.
        // Even transactions Put key-n value-n, odd ones Get a seeded key.
        private static async Task<int> DriveAsync(PeerDriver peer, int count, int concurrency, int offset, CancellationToken cancellationToken)
        {
            var next = -1;
            var errors = 0;
            var workers = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < count)
                {
                    string[] args = n % 2 == 0 ? ["Put", $"key-{n + offset}", $"value-{n + offset}"] : ["Get", $"seed-{n % _seedKeys}"];
                    var reply = await peer.InvokeAsync(args, cancellationToken).ConfigureAwait(false);
                    if (reply.Type != PeerPb.ChaincodeMessage.Types.Type.Completed || PeerPb.Response.Parser.ParseFrom(reply.Payload).Status != 200)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
            await Task.WhenAll(workers).ConfigureAwait(false);
            return errors;
        }
    }
}
