using System.Text;
using MedChain.EmbeddedLedger.Internal;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// An endorsed but not yet committed transaction: the chaincode's response and event plus the
/// read/write set it produced. Pass it to <see cref="ChaincodeTester.Commit"/> to validate and apply it.
/// </summary>
public sealed class SimulatedTransaction
{
    internal SimulatedTransaction(InMemoryLedger ledger, TxSimulation simulation, string chaincodeName, IReadOnlyList<byte[]> args, DateTimeOffset timestamp, byte[] creator, ChaincodeResponse response, PeerPb.ChaincodeEvent? chaincodeEvent)
    {
        Ledger = ledger;
        Simulation = simulation;
        ChaincodeName = chaincodeName;
        Timestamp = timestamp;
        Creator = creator;
        Response = response;
        Event = chaincodeEvent;

        static int Order(ReadRecord a, ReadRecord b) =>
            StateKey.Compare(new(a.Namespace, a.Collection ?? string.Empty, a.Key), new(b.Namespace, b.Collection ?? string.Empty, b.Key));

        var reads = simulation.Reads.Select(r => new ReadRecord(r.Key.Namespace, r.Key.CollectionOrNull, r.Key.Key, r.Value)).ToList();
        reads.Sort(Order);
        ReadSet = reads;

        var writes = simulation.Writes.OrderBy(w => w.Key, Comparer<StateKey>.Create(StateKey.Compare))
            .Select(w => new WriteRecord(w.Key.Namespace, w.Key.CollectionOrNull, w.Key.Key, w.Value))
            .ToList();
        WriteSet = writes;

        ValidationParameterWrites = simulation.ValidationParameterWrites.OrderBy(w => w.Key, Comparer<StateKey>.Create(StateKey.Compare))
            .Select(w => new ValidationParameterWrite(w.Key.Namespace, w.Key.CollectionOrNull, w.Key.Key, w.Value))
            .ToList();

        RangeQueries = simulation.Ranges
            .Select(r => new RangeQueryRecord(
                r.Namespace,
                r.Collection.Length == 0 ? null : r.Collection,
                r.StartKey,
                r.EndKey ?? string.Empty,
                r.Exhausted,
                r.Reads.Select(k => new ReadRecord(r.Namespace, r.Collection.Length == 0 ? null : r.Collection, k.Key, k.Version)).ToList()))
            .ToList();

        var hashed = writes
            .Where(w => w.Collection is not null)
            .Select(w => new HashedWriteRecord(
                w.Namespace,
                w.Collection!,
                InMemoryLedger.Hash(Encoding.UTF8.GetBytes(w.Key)),
                w.Value is null ? null : InMemoryLedger.Hash(w.Value),
                simulation.Purges.Contains(new StateKey(w.Namespace, w.Collection!, w.Key))))
            .ToList();
        OnChain = new OnChainTransaction(args, writes.Where(w => w.Collection is null).ToList(), hashed, ValidationParameterWrites, chaincodeEvent, response);
    }

    /// <summary>The transaction id.</summary>
    public string TxId => Simulation.TxId;

    /// <summary>The chaincode that was invoked.</summary>
    public string ChaincodeName { get; }

    /// <summary>The transaction timestamp.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The submitter (serialized msp.SerializedIdentity).</summary>
    public byte[] Creator { get; }

    /// <summary>The chaincode's answer.</summary>
    public ChaincodeResponse Response { get; }

    /// <summary>The chaincode event, or null.</summary>
    public PeerPb.ChaincodeEvent? Event { get; }

    /// <summary>What the block will hold of this transaction, visible to every organization.</summary>
    public OnChainTransaction OnChain { get; }

    /// <summary>Keys read with their versions, in key order.</summary>
    public IReadOnlyList<ReadRecord> ReadSet { get; }

    /// <summary>Buffered writes and deletes, in key order: the endorser's view, private values included.</summary>
    public IReadOnlyList<WriteRecord> WriteSet { get; }

    /// <summary>Key-level endorsement policies set.</summary>
    public IReadOnlyList<ValidationParameterWrite> ValidationParameterWrites { get; }

    /// <summary>Range and partial composite key queries with the keys they returned.</summary>
    public IReadOnlyList<RangeQueryRecord> RangeQueries { get; }

    internal InMemoryLedger Ledger { get; }

    internal TxSimulation Simulation { get; }
}
