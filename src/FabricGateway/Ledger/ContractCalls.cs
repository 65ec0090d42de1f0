using System.Diagnostics;
using System.Text.Json;
using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The two ways the service calls the MedChain chaincode, as the person: evaluate (a read the chaincode
/// authorizes, nothing written) and submit, which returns only once the transaction committed VALID. The one
/// place calls go through, whichever ledger <c>Ledger:Mode</c> selected.
/// Content that must not reach the blocks goes in <c>transient</c>, never in the arguments.
/// </summary>
internal static class ContractCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> EvaluateAsync<T>(
        IChaincodeLedger ledger, FabricSigningIdentity caller, string function, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await ledger.EvaluateAsync(caller, function, args, transient, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            return Parse<T>(result, function);
        }
        finally
        {
            GatewayMetrics.ChainCall(function, "evaluate", outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Endorses, submits and waits for the commit; a transaction that committed anything but VALID throws <see cref="CommitException"/>.</summary>
    public static async Task<LedgerWrite<T>> SubmitAsync<T>(
        IChaincodeLedger ledger, FabricSigningIdentity caller, string function, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var submitted = await ledger.SubmitAsync(caller, function, args, transient, cancellationToken).ConfigureAwait(false);
            var status = submitted.Status;
            if (!status.Successful)
            {
                outcome = "invalid";
                throw new CommitException(status);
            }

            outcome = "ok";
            return new LedgerWrite<T>(Parse<T>(submitted.Result, function), status.TransactionId, status.BlockNumber);
        }
        finally
        {
            GatewayMetrics.ChainCall(function, "submit", outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// A transient map for content: <paramref name="entries"/> plus a fresh random <c>salt</c>, since the
    /// block carries the unsalted SHA-256 of each private value the chaincode writes.
    /// </summary>
    public static Dictionary<string, byte[]> Content(params (string Key, string Value)[] entries)
    {
        var transient = entries.ToDictionary(e => e.Key, e => System.Text.Encoding.UTF8.GetBytes(e.Value), StringComparer.Ordinal);
        transient["salt"] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        return transient;
    }

    private static T Parse<T>(byte[] result, string function) =>
        JsonSerializer.Deserialize<T>(result, Json) ?? throw new InvalidDataException($"The chaincode returned nothing for {function}.");
}
