using System.CommandLine;
using System.Text;

namespace MedChain.FabricClient.Cli;

/// <summary>The evaluate and submit commands.</summary>
internal static class TransactionCommands
{
    public static Command Evaluate() => Create("evaluate", "Runs a transaction function on a peer without recording it; prints the result.", submit: false);

    public static Command Submit() => Create("submit", "Endorses, submits and waits for the commit of a transaction; prints the result.", submit: true);

    private static Command Create(string name, string description, bool submit)
    {
        var connection = new ConnectionOptions();
        var contract = new Option<string?>("--contract") { Description = "Contract name within the chaincode (transaction becomes contract:function)" };
        var endorsingOrgs = new Option<string[]>("--endorsing-org") { Description = "MSP id of an organization that must endorse (repeatable)", AllowMultipleArgumentsPerToken = false };
        var function = new Argument<string>("function") { Description = "Transaction function name" };
        var arguments = new Argument<string[]>("args") { Description = "Transaction arguments", Arity = ArgumentArity.ZeroOrMore };

        var command = new Command(name, description) { contract, endorsingOrgs, function, arguments };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            using var open = await connection.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var target = open.Network.GetContract(open.ChaincodeName, parse.GetValue(contract));
            var options = ProposalOptions.WithArguments(parse.GetValue(arguments) ?? []);
            foreach (var org in parse.GetValue(endorsingOrgs) ?? [])
            {
                options.EndorsingOrganizations.Add(org);
            }

            var functionName = parse.GetRequiredValue(function);
            byte[] result;
            if (submit)
            {
                var submitted = await target.SubmitAsync(functionName, options, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"transaction {submitted.TransactionId} submitted; waiting for commit").ConfigureAwait(false);
                var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                if (!status.Successful)
                {
                    throw new CommitException(status);
                }

                await Console.Error.WriteLineAsync($"transaction {status.TransactionId} committed in block {status.BlockNumber}").ConfigureAwait(false);
                result = submitted.Result;
            }
            else
            {
                result = await target.EvaluateAsync(functionName, options, cancellationToken).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(Encoding.UTF8.GetString(result)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
