using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IChaincodeLedger"/> over the peers' Gateway service (<c>Ledger:Mode=Fabric</c>).</summary>
internal sealed class FabricChaincodeLedger(FabricConnection connection) : IChaincodeLedger
{
    public async Task<byte[]> EvaluateAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync(caller).ConfigureAwait(false);
        return await contract.EvaluateAsync(functionName, Options(args, transient), cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerSubmission> SubmitAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync(caller).ConfigureAwait(false);
        var submitted = await contract.SubmitAsync(functionName, Options(args, transient), cancellationToken).ConfigureAwait(false);
        var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerSubmission(submitted.Result, status);
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => connection.IsReachableAsync(cancellationToken);

    private static ProposalOptions Options(IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient)
    {
        var options = ProposalOptions.WithArguments(args);
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            options.TransientData[key] = value;
        }

        return options;
    }
}
