namespace MedChain.EmbeddedLedger.Internal;

/// <summary>A range query as the transaction consumed it (Fabric's RangeQueryInfo with raw reads).</summary>
internal sealed class RangeRead(string ns, string collection, string startKey, string? endKey)
{
    public string Namespace { get; } = ns;

    public string Collection { get; } = collection;

    public string StartKey { get; } = startKey;

    /// <summary>Exclusive end, or null for an open end.</summary>
    public string? EndKey { get; } = endKey;

    public List<(string Key, LedgerVersion Version)> Reads { get; } = [];

    public bool Exhausted { get; set; }
}
