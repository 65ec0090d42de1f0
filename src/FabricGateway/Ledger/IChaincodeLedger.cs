using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The ledger the service runs the MedChain chaincode on, as the calling person: Fabric's peers through their
/// Gateway service (<see cref="FabricChaincodeLedger"/>) or the embedded ledger in this process
/// (<see cref="EmbeddedChaincodeLedger"/>), chosen by <c>Ledger:Mode</c>. Both fail the same way: a chaincode
/// refusal as <see cref="GatewayException"/> (evaluate) or <see cref="EndorseException"/> (submit) carrying
/// "chaincode response NNN, message"; an unreachable or refusing ledger as <see cref="GatewayException"/>.
/// </summary>
public interface IChaincodeLedger
{
    /// <summary>Runs a query; nothing is written. Returns the chaincode's response payload.</summary>
    Task<byte[]> EvaluateAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken);

    /// <summary>Endorses and submits a transaction and waits for its commit status (VALID or why not).</summary>
    Task<LedgerSubmission> SubmitAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken);

    /// <summary>Whether the ledger answers now (readiness): the peer's Gateway accepts a connection, or the embedded ledger is open.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>A submitted transaction: the chaincode's response payload and the committer's verdict.</summary>
public sealed record LedgerSubmission(byte[] Result, CommitStatus Status);
