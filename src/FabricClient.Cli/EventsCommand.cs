using System.CommandLine;
using System.Text;

namespace MedChain.FabricClient.Cli;

/// <summary>The events command: prints a chaincode's events until Ctrl+C.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var startBlock = new Option<ulong?>("--start-block") { Description = "First block to read events from (default: the next block)" };
        var command = new Command("events", "Prints the chaincode's events as they are committed, one per line, until interrupted.") { startBlock };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            using var open = await connection.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var options = new ChaincodeEventsOptions { StartBlock = parse.GetValue(startBlock) };
            await foreach (var e in open.Network.GetChaincodeEventsAsync(open.ChaincodeName, options, cancellationToken).ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync($"block {e.BlockNumber} tx {e.TransactionId} {e.EventName}: {Encoding.UTF8.GetString(e.Payload)}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
