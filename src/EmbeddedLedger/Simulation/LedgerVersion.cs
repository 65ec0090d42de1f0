namespace MedChain.EmbeddedLedger;

/// <summary>The version of a committed key: the block and the transaction within it that last wrote it.</summary>
public readonly record struct LedgerVersion(ulong BlockNumber, ulong TxNumber)
{
    /// <inheritdoc />
    public override string ToString() => $"{BlockNumber}:{TxNumber}";
}
