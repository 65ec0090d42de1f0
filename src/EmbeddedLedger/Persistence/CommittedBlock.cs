namespace MedChain.EmbeddedLedger.Persistence;

/// <summary>A committed block as the block log keeps it: what replaying it needs, no more.</summary>
/// <param name="Number">The block number (1 for the first block after the empty genesis block).</param>
/// <param name="Transactions">Its transactions in order, valid or not.</param>
internal sealed record CommittedBlock(ulong Number, IReadOnlyList<CommittedTransaction> Transactions);

/// <summary>One transaction of a block: its id and verdict and, when valid, the writes it applied.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Timestamp">The transaction timestamp (what key history shows).</param>
/// <param name="ValidationCode">The committer's verdict.</param>
/// <param name="Writes">Public and private writes in key order (null value: a delete); empty unless valid.</param>
/// <param name="ValidationParameterWrites">Key-level endorsement policies set; empty unless valid.</param>
/// <param name="Event">The chaincode event, or null.</param>
internal sealed record CommittedTransaction(
    string TxId,
    DateTimeOffset Timestamp,
    PeerPb.TxValidationCode ValidationCode,
    IReadOnlyList<CommittedWrite> Writes,
    IReadOnlyList<CommittedWrite> ValidationParameterWrites,
    CommittedEvent? Event)
{
    public static CommittedTransaction From(SimulatedTransaction transaction, PeerPb.TxValidationCode code)
    {
        var valid = code == PeerPb.TxValidationCode.Valid;
        return new CommittedTransaction(
            transaction.TxId,
            transaction.Timestamp,
            code,
            valid ? transaction.WriteSet.Select(w => new CommittedWrite(w.Namespace, w.Collection, w.Key, w.Value)).ToList() : [],
            valid ? transaction.ValidationParameterWrites.Select(w => new CommittedWrite(w.Namespace, w.Collection, w.Key, w.Policy)).ToList() : [],
            transaction.Event is { } e ? new CommittedEvent(e.ChaincodeId, e.EventName, e.Payload.ToByteArray()) : null);
    }
}

/// <summary>A write of a value (or, for key-level policies, of a policy) to a public key (null collection) or a private one.</summary>
internal sealed record CommittedWrite(string Namespace, string? Collection, string Key, byte[]? Value);

/// <summary>A chaincode event as committed.</summary>
internal sealed record CommittedEvent(string ChaincodeId, string Name, byte[] Payload);
