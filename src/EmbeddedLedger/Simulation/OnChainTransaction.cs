using System.Text;

namespace MedChain.EmbeddedLedger;

/// <summary>A private write as the block carries it: SHA-256 of the key and of the value.</summary>
/// <param name="Namespace">The chaincode.</param>
/// <param name="Collection">The collection (its name is in clear in the block).</param>
/// <param name="KeyHash">SHA-256 of the key.</param>
/// <param name="ValueHash">SHA-256 of the value; null for a delete or purge.</param>
/// <param name="IsPurge">True when the write purges the key's history (PurgePrivateData).</param>
public sealed record HashedWriteRecord(string Namespace, string Collection, byte[] KeyHash, byte[]? ValueHash, bool IsPurge);

/// <summary>
/// What a submitted transaction puts in the block, and so on every organization's peers, in every
/// backup and in every block event: the proposal's arguments (the transient map is left out), the
/// public write set, private writes as hashes only, key-level policies, the chaincode event and the
/// chaincode's response (a submit's response payload is in the block too). The content of private
/// collections stays on their members' peers.
/// </summary>
public sealed class OnChainTransaction
{
    internal OnChainTransaction(
        IReadOnlyList<byte[]> args,
        IReadOnlyList<WriteRecord> publicWrites,
        IReadOnlyList<HashedWriteRecord> privateWriteHashes,
        IReadOnlyList<ValidationParameterWrite> validationParameterWrites,
        PeerPb.ChaincodeEvent? chaincodeEvent,
        ChaincodeResponse response)
    {
        Args = args;
        PublicWrites = publicWrites;
        PrivateWriteHashes = privateWriteHashes;
        ValidationParameterWrites = validationParameterWrites;
        Event = chaincodeEvent;
        Response = response;
    }

    /// <summary>The proposal's arguments, first the function name.</summary>
    public IReadOnlyList<byte[]> Args { get; }

    /// <summary>Public writes and deletes, in key order.</summary>
    public IReadOnlyList<WriteRecord> PublicWrites { get; }

    /// <summary>Private writes as hashes, in (namespace, collection, key) order.</summary>
    public IReadOnlyList<HashedWriteRecord> PrivateWriteHashes { get; }

    /// <summary>Key-level endorsement policies set (on public or private keys).</summary>
    public IReadOnlyList<ValidationParameterWrite> ValidationParameterWrites { get; }

    /// <summary>The chaincode event, or null.</summary>
    public PeerPb.ChaincodeEvent? Event { get; }

    /// <summary>The chaincode's response (status, message, payload).</summary>
    public ChaincodeResponse Response { get; }

    /// <summary>
    /// Where each of <paramref name="texts"/> occurs (UTF-8, ordinal) in what the block holds:
    /// <c>arg[i]</c>, <c>write:key</c> (key or value), <c>event</c> (name or payload),
    /// <c>response</c>. Empty when none does.
    /// </summary>
    public IReadOnlyList<string> Find(params IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var places = new List<(string Place, string Text)>();
        for (var i = 0; i < Args.Count; i++)
        {
            places.Add(($"arg[{i}]", Encoding.UTF8.GetString(Args[i])));
        }

        foreach (var write in PublicWrites)
        {
            places.Add(($"write:{write.Key}", write.Key + "\n" + (write.Value is null ? string.Empty : Encoding.UTF8.GetString(write.Value))));
        }

        foreach (var policy in ValidationParameterWrites)
        {
            places.Add(($"policy:{policy.Key}", policy.Key));
        }

        if (Event is not null)
        {
            places.Add(("event", Event.EventName + "\n" + Event.Payload.ToStringUtf8()));
        }

        places.Add(("response", Response.Message + "\n" + Encoding.UTF8.GetString(Response.Payload)));
        return texts
            .Where(t => !string.IsNullOrEmpty(t))
            .SelectMany(t => places.Where(p => p.Text.Contains(t, StringComparison.Ordinal)).Select(p => $"{p.Place}: {t}"))
            .ToList();
    }
}
