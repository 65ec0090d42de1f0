using System.Buffers.Text;
using System.Text;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Paging bookmarks handed to clients: the ledger's next key, base64url-encoded, and accepted back
/// only inside the listing's key range. The peer starts a paged scan at whatever bookmark the
/// chaincode passes, without checking it against the range (core/chaincode/handler.go), so an
/// unchecked bookmark let a patient page into every lower-sorted patient's access log, consents
/// and prescriptions.
/// </summary>
internal static class Bookmarks
{
    /// <summary>Longest bookmark accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The bookmark a client gets for the ledger's next key (empty: no more pages).</summary>
    public static string Encode(string nextKey) =>
        nextKey.Length == 0 ? string.Empty : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextKey));

    /// <summary>
    /// The ledger key of a client's bookmark, or empty for the first page. Throws unless it decodes to a
    /// key under <paramref name="prefix"/>, the partial composite key the listing scans.
    /// </summary>
    public static string Decode(string? bookmark, string prefix)
    {
        if (string.IsNullOrEmpty(bookmark))
        {
            return string.Empty;
        }

        if (bookmark.Length > MaxLength)
        {
            throw Errors.Invalid("bookmark", $"is longer than {MaxLength} characters");
        }

        string key;
        try
        {
            key = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(bookmark));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw Errors.Invalid("bookmark", "is not a bookmark this listing returned");
        }

        // Strictly after the prefix: the prefix itself is the first key of the range and needs no bookmark.
        return key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal)
            ? key
            : throw Errors.Invalid("bookmark", "is not a bookmark of this listing");
    }
}
