using System.Diagnostics;
using Grpc.Core;

namespace MedChain.FabricClient.Cli.Load;

/// <summary>
/// Closed-loop load: <see cref="LoadPlan.Concurrency"/> workers each send their next transaction when the previous
/// one has finished (for submit: committed), first for the warm-up (not counted), then for the measured duration.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(Contract contract, LoadPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();

        var process = Process.GetCurrentProcess();
        var sequence = -1L;
        var clock = Stopwatch.StartNew();
        var measureFrom = plan.Warmup;
        var measureUntil = plan.Warmup + plan.Duration;
        var stats = Enumerable.Range(0, plan.Concurrency).Select(_ => new WorkerStats()).ToArray();

        // The measured phase starts when the warm-up ends; CPU time is read then and when the last worker stops.
        var cpuAtStart = TimeSpan.Zero;
        var startTimestamp = TimeSpan.Zero;
        var measuring = Task.Delay(plan.Warmup, cancellationToken).ContinueWith(
            _ =>
            {
                process.Refresh();
                cpuAtStart = process.TotalProcessorTime;
                startTimestamp = clock.Elapsed;
            },
            cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        var workers = stats.Select((worker, index) => Task.Run(
            async () =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var startedAt = clock.Elapsed;
                    if (startedAt >= measureUntil)
                    {
                        return;
                    }

                    var args = plan.Arguments.Expand(Interlocked.Increment(ref sequence), index);
                    var error = await RunOneAsync(contract, plan, args, cancellationToken).ConfigureAwait(false);
                    // Only transactions started inside the measured phase count; warm-up ones only heat things up.
                    if (startedAt < measureFrom)
                    {
                        continue;
                    }

                    if (error is null)
                    {
                        worker.RecordSuccess(clock.Elapsed - startedAt);
                    }
                    else
                    {
                        worker.RecordError(error);
                    }
                }
            },
            cancellationToken)).ToArray();

        await Task.WhenAll(workers).ConfigureAwait(false);
        await measuring.ConfigureAwait(false);
        var elapsed = clock.Elapsed - startTimestamp;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuAtStart;
        return LoadReport.Create(plan.Submit ? "submit" : "evaluate", plan.Function, plan.Concurrency, elapsed, cpu, stats);
    }

    /// <summary>Runs one transaction; null on success, else the kind of failure.</summary>
    private static async Task<string?> RunOneAsync(Contract contract, LoadPlan plan, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var options = ProposalOptions.WithArguments(args);
            if (!plan.Submit)
            {
                await contract.EvaluateAsync(plan.Function, options, cancellationToken).ConfigureAwait(false);
                return null;
            }

            var submitted = await contract.SubmitAsync(plan.Function, options, cancellationToken).ConfigureAwait(false);
            var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            return status.Successful ? null : $"commit:{status.Code}";
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return ErrorKind(e);
        }
    }

    /// <summary>A short, stable name for a failure: the stage and the gRPC status or validation code.</summary>
    internal static string ErrorKind(Exception error) => error switch
    {
        CommitException e => $"commit:{e.ValidationCode}",
        EndorseException e => $"endorse:{e.StatusCode?.ToString() ?? "unknown"}",
        SubmitException e => $"submit:{e.StatusCode?.ToString() ?? "unknown"}",
        CommitStatusException e => $"commit-status:{e.StatusCode?.ToString() ?? "unknown"}",
        GatewayException e => $"gateway:{e.StatusCode?.ToString() ?? "unknown"}",
        RpcException e => $"rpc:{e.StatusCode}",
        OperationCanceledException => "timeout",
        _ => error.GetType().Name,
    };
}
