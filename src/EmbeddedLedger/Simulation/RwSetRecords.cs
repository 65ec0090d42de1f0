namespace MedChain.EmbeddedLedger;

/// <summary>A key the transaction read and the committed version it saw.</summary>
/// <param name="Namespace">The chaincode whose state was read.</param>
/// <param name="Collection">The private data collection, or null for public state.</param>
/// <param name="Key">The key.</param>
/// <param name="Version">The committed version read; null when the key was absent.</param>
public sealed record ReadRecord(string Namespace, string? Collection, string Key, LedgerVersion? Version);

/// <summary>A write the transaction buffered; a null value is a delete.</summary>
/// <param name="Namespace">The chaincode whose state is written.</param>
/// <param name="Collection">The private data collection, or null for public state.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The new value; null for a delete.</param>
public sealed record WriteRecord(string Namespace, string? Collection, string Key, byte[]? Value)
{
    /// <summary>True for a delete.</summary>
    public bool IsDelete => Value is null;
}

/// <summary>A key-level endorsement policy the transaction set.</summary>
/// <param name="Namespace">The chaincode.</param>
/// <param name="Collection">The private data collection, or null for public state.</param>
/// <param name="Key">The key.</param>
/// <param name="Policy">The serialized common.SignaturePolicyEnvelope.</param>
public sealed record ValidationParameterWrite(string Namespace, string? Collection, string Key, byte[] Policy);

/// <summary>
/// A range (or partial composite key) query: the keys it returned, as far as the chaincode read
/// them. At commit the same range is read again and must return the same keys at the same versions
/// (Fabric's phantom read check).
/// </summary>
/// <param name="Namespace">The chaincode.</param>
/// <param name="Collection">The private data collection, or null for public state.</param>
/// <param name="StartKey">Inclusive start.</param>
/// <param name="EndKey">Exclusive end; empty for an open end.</param>
/// <param name="Exhausted">True when the chaincode read the iterator to its end.</param>
/// <param name="Reads">The keys returned, in order, with their versions.</param>
public sealed record RangeQueryRecord(string Namespace, string? Collection, string StartKey, string EndKey, bool Exhausted, IReadOnlyList<ReadRecord> Reads);
