
namespace MedChain.EmbeddedLedger;

/// <summary>The outcome of an invoked transaction: the chaincode's answer and what the committer decided.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Response">The chaincode's answer.</param>
/// <param name="Event">The chaincode event, or null.</param>
/// <param name="ValidationCode">
/// The committer's verdict; null when the chaincode answered an error (status 400 or more), because
/// a client never submits a failed proposal for ordering, so nothing was committed.
/// </param>
/// <param name="BlockNumber">The block the transaction went into; null when it was not submitted.</param>
public sealed record TransactionResult(string TxId, ChaincodeResponse Response, PeerPb.ChaincodeEvent? Event, PeerPb.TxValidationCode? ValidationCode, ulong? BlockNumber)
{
    /// <summary>True when the transaction was committed as valid: its writes are in the ledger.</summary>
    public bool IsValid => ValidationCode == PeerPb.TxValidationCode.Valid;

    /// <summary>What the block holds of the transaction on every organization's peers; null when it was not submitted.</summary>
    public OnChainTransaction? OnChain { get; init; }
}
