namespace MedChain.FabricClient.Cli.Load;

/// <summary>
/// What one worker saw in the measured phase: each successful transaction's latency and failures by kind.
/// One per worker, so recording takes no lock; <see cref="LoadReport.Create"/> merges them.
/// </summary>
internal sealed class WorkerStats
{
    public List<double> LatenciesMilliseconds { get; } = [];

    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public void RecordSuccess(TimeSpan latency) => LatenciesMilliseconds.Add(latency.TotalMilliseconds);

    public void RecordError(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
}

/// <summary>The one JSON line a load run prints.</summary>
internal sealed record LoadReport(
    string Mode,
    string Function,
    int Concurrency,
    double DurationSeconds,
    long Transactions,
    long Errors,
    double TransactionsPerSecond,
    double LatencyP50Milliseconds,
    double LatencyP99Milliseconds,
    double ClientCpuMillisecondsPerTransaction,
    IReadOnlyDictionary<string, int> ErrorsByKind)
{
    /// <summary>
    /// Merges the workers' figures. Throughput counts successful transactions only; CPU per transaction
    /// divides the process's CPU time over the measured phase by every transaction attempted (failures cost CPU too).
    /// </summary>
    public static LoadReport Create(string mode, string function, int concurrency, TimeSpan elapsed, TimeSpan cpu, IEnumerable<WorkerStats> workers)
    {
        var latencies = new List<double>();
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            latencies.AddRange(worker.LatenciesMilliseconds);
            foreach (var (kind, count) in worker.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        latencies.Sort();
        long errorCount = errors.Values.Sum();
        var attempted = latencies.Count + errorCount;
        var seconds = elapsed.TotalSeconds;
        return new LoadReport(
            mode,
            function,
            concurrency,
            Math.Round(seconds, 3),
            latencies.Count,
            errorCount,
            seconds > 0 ? Math.Round(latencies.Count / seconds, 1) : 0,
            Math.Round(Percentile(latencies, 50), 2),
            Math.Round(Percentile(latencies, 99), 2),
            attempted > 0 ? Math.Round(cpu.TotalMilliseconds / attempted, 3) : 0,
            errors);
    }

    /// <summary>Nearest-rank percentile of sorted values (the smallest value with at least p % at or below it); 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
