using System.Text.Json;
using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The two ways the service calls the MedChain chaincode, as the person: evaluate (a read the chaincode
/// authorizes, nothing written) and submit, which returns only once the transaction committed VALID. The one
/// place calls go through, whichever ledger <c>Ledger:Mode</c> selected.
/// </summary>
internal static class ContractCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> EvaluateAsync<T>(IChaincodeLedger ledger, FabricSigningIdentity caller, string function, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var result = await ledger.EvaluateAsync(caller, function, args, transient, cancellationToken).ConfigureAwait(false);
        return Parse<T>(result, function);
    }

    /// <summary>Endorses, submits and waits for the commit; a transaction that committed anything but VALID throws <see cref="CommitException"/>.</summary>
    public static async Task<LedgerWrite<T>> SubmitAsync<T>(IChaincodeLedger ledger, FabricSigningIdentity caller, string function, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var submitted = await ledger.SubmitAsync(caller, function, args, transient, cancellationToken).ConfigureAwait(false);
        var status = submitted.Status;
        if (!status.Successful)
        {
            throw new CommitException(status);
        }

        return new LedgerWrite<T>(Parse<T>(submitted.Result, function), status.TransactionId, status.BlockNumber);
    }

    private static T Parse<T>(byte[] result, string function) =>
        JsonSerializer.Deserialize<T>(result, Json) ?? throw new InvalidDataException($"The chaincode returned nothing for {function}.");
}
