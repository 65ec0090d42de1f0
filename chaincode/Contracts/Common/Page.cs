namespace MedChain.Contracts.Common;

/// <summary>One page of a listing; pass <see cref="Bookmark"/> back to get the next one (empty: no more).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record Page<T>
{
    /// <summary>The items of this page, in key order.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The bookmark of the next page; empty when this was the last.</summary>
    public required string Bookmark { get; init; }

    /// <summary>How many keys the ledger returned for this page.</summary>
    public required int FetchedCount { get; init; }
}
