using System.Security.Cryptography;
using Grpc.Core;
using MedChain.EmbeddedLedger;
using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;
using MedChain.Shim;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// <see cref="IChaincodeLedger"/> over the embedded ledger (<c>Ledger:Mode=Embedded</c>): the same chaincode in this
/// process. Its failures take the shapes Fabric's Gateway gives them, so the problem mapping treats both alike.
/// </summary>
internal sealed class EmbeddedChaincodeLedger(EmbeddedLedgerHost host) : IChaincodeLedger
{
    private const string _node = "embedded";

    public async Task<byte[]> EvaluateAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var peer = await host.GetPeerAsync(cancellationToken).ConfigureAwait(false);
        ChaincodeResponse response;
        try
        {
            response = await peer.EvaluateAsync(new Creator(caller), [functionName, .. args], transient, cancellationToken).ConfigureAwait(false);
        }
        catch (ProposalRejectedException e)
        {
            throw new GatewayException($"Evaluate failed: {e.Message}", null, new Status(StatusCode.PermissionDenied, e.Message), [new ErrorDetail(_node, caller.Identity.MspId, e.Message)], e);
        }

        if (!response.IsSuccess)
        {
            var detail = Refusal(response);
            throw new GatewayException($"Evaluate failed: {detail}", null, new Status(StatusCode.Unknown, detail), [new ErrorDetail(_node, caller.Identity.MspId, detail)]);
        }

        return response.Payload.ToArray();
    }

    public async Task<LedgerSubmission> SubmitAsync(FabricSigningIdentity caller, string functionName, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var peer = await host.GetPeerAsync(cancellationToken).ConfigureAwait(false);
        TransactionResult result;
        try
        {
            result = await peer.SubmitAsync(new Creator(caller), [functionName, .. args], transient, cancellationToken).ConfigureAwait(false);
        }
        catch (ProposalRejectedException e)
        {
            throw new GatewayException($"Endorse failed: {e.Message}", null, new Status(StatusCode.PermissionDenied, e.Message), [new ErrorDetail(_node, caller.Identity.MspId, e.Message)], e);
        }

        if (result.ValidationCode is not { } code || result.BlockNumber is not { } block)
        {
            // A refused proposal is never submitted, as with Fabric's Gateway.
            var detail = Refusal(result.Response);
            throw new EndorseException(result.TxId, new RpcException(new Status(StatusCode.Aborted, "failed to endorse transaction, see attached details for more info")), [new ErrorDetail(_node, caller.Identity.MspId, detail)]);
        }

        return new LedgerSubmission(result.Response.Payload.ToArray(), new CommitStatus(result.TxId, code, block));
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await host.GetPeerAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MedChain.EmbeddedLedger.Persistence.BlockLogCorruptException)
        {
            // A block log that can't be replayed keeps the service unready rather than serving a partial ledger.
            return false;
        }
    }

    // The peer's wording, which the problem mapping reads the chaincode's status from.
    private static string Refusal(ChaincodeResponse response) => $"chaincode response {response.Status}, {response.Message}";

    /// <summary>The person as the embedded peer sees a proposal's creator: their enrolment, signing with their key.</summary>
    private sealed class Creator(FabricSigningIdentity caller) : ITransactionCreator
    {
        public string MspId => caller.Identity.MspId;

        public byte[] SerializedIdentity => caller.Identity.ToSerializedIdentity();

        // The signer signs a digest; it completes synchronously (an in-memory key).
        public byte[] Sign(ReadOnlySpan<byte> data) =>
            caller.Signer.SignAsync(SHA256.HashData(data)).AsTask().GetAwaiter().GetResult();
    }
}
