
namespace MedChain.FabricClient;

/// <summary>A transaction's validation result on the ledger.</summary>
/// <param name="TransactionId">The transaction id.</param>
/// <param name="Code">The validation code; <c>VALID</c> if it changed the world state.</param>
/// <param name="BlockNumber">The block that holds the transaction.</param>
public sealed record CommitStatus(string TransactionId, PeerPb.TxValidationCode Code, ulong BlockNumber)
{
    /// <summary>True if the transaction is valid and its writes were applied.</summary>
    public bool Successful => Code == PeerPb.TxValidationCode.Valid;
}
