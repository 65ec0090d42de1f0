using System.CommandLine;
using MedChain.FabricClient.Cli;
using MedChain.FabricClient.Cli.Load;

// medchain-fabric evaluate|submit|events|load: a Fabric Gateway client from the command line.
var root = new RootCommand("Evaluates and submits transactions and reads chaincode events through a Fabric Gateway peer.")
{
    TransactionCommands.Evaluate(),
    TransactionCommands.Submit(),
    EventsCommand.Create(),
    LoadCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
