using System.CommandLine;
using System.Text.Json;

namespace MedChain.FabricClient.Cli.Load;

/// <summary>
/// <c>load</c>: closed-loop load through a peer's Gateway; prints one JSON line (tx/s, p50/p99 latency, errors by
/// kind, this process's CPU per transaction), so operators can load-test a network and measure the client itself.
/// </summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = false };

    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var mode = new Option<string>("--mode") { Description = "submit (endorse, order, wait for commit) or evaluate", DefaultValueFactory = _ => "evaluate" };
        mode.AcceptOnlyFromAmong("submit", "evaluate");
        var contract = new Option<string?>("--contract") { Description = "Contract name within the chaincode (transaction becomes contract:function)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Transactions in flight (closed loop: one per worker)", DefaultValueFactory = _ => 16 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of load before measuring (not counted)", DefaultValueFactory = _ => 5 };
        var function = new Argument<string>("function") { Description = "Transaction function name" };
        var arguments = new Argument<string[]>("args")
        {
            Description = "Argument pattern: {n} transaction number, {n%K} it modulo K, {w} worker index, {{ }} literal braces",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("load", "Closed-loop load through the Gateway; prints tx/s, p50/p99 latency, errors by kind and client CPU per transaction as one JSON line.")
        {
            mode, contract, concurrency, duration, warmup, function, arguments,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var plan = CreatePlan(
                parse.GetRequiredValue(mode),
                parse.GetRequiredValue(function),
                parse.GetValue(arguments) ?? [],
                parse.GetValue(concurrency),
                parse.GetValue(duration),
                parse.GetValue(warmup));
            using var open = await connection.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var target = open.Network.GetContract(open.ChaincodeName, parse.GetValue(contract));
            var report = await LoadRunner.RunAsync(target, plan, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, _json)).ConfigureAwait(false);
            return report.Transactions > 0 ? 0 : CliErrors.GatewayFailure;
        }));
        return command;
    }

    /// <summary>The validated plan from the command line's values; <see cref="ArgumentException"/> when one is unusable.</summary>
    internal static LoadPlan CreatePlan(string mode, string function, IReadOnlyList<string> arguments, int concurrency, double durationSeconds, double warmupSeconds)
    {
        if (!double.IsFinite(durationSeconds) || !double.IsFinite(warmupSeconds))
        {
            throw new ArgumentException("--duration and --warmup must be finite numbers of seconds.");
        }

        var submit = mode switch
        {
            "submit" => true,
            "evaluate" => false,
            _ => throw new ArgumentException($"--mode must be submit or evaluate, not '{mode}'."),
        };
        var plan = new LoadPlan(submit, function, ArgumentPattern.Parse(arguments), concurrency, TimeSpan.FromSeconds(durationSeconds), TimeSpan.FromSeconds(warmupSeconds));
        plan.Validate();
        return plan;
    }
}
