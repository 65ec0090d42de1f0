using MedChain.FabricGateway.Ledger;

namespace MedChain.FabricGateway.Apis;

/// <summary>Page sizes and next-page bookmarks, the same for every listing.</summary>
internal static class Paging
{
    public const int DefaultSize = 100;
    // The chaincode refuses pages larger than 100.
    public const int MaxSize = 100;

    public static int Size(int? requested) => Math.Clamp(requested ?? DefaultSize, 1, MaxSize);

    /// <summary>The bookmark of the next page; null when this one read fewer keys than asked (the last).</summary>
    public static string? Next<T>(LedgerPage<T> page, int size) => page.FetchedCount < size ? null : page.Bookmark;
}
