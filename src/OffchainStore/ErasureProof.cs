using System.Text.Json.Serialization;

namespace MedChain.OffchainStore;

/// <summary>
/// Evidence that a record was crypto-shredded: which wrapped keys were destroyed (with the SHA-256 of each
/// destroyed key document), and that a listing afterwards found none left. Also stored as the record's tombstone
/// blob "{recordId}/erased.json" in the key container. The ciphertext itself is kept (its hash is anchored on
/// chain) but can no longer be decrypted by anyone.
/// </summary>
public sealed record ErasureProof
{
    /// <summary>The erased record.</summary>
    public required string RecordId { get; init; }

    /// <summary>When the keys were destroyed.</summary>
    public required DateTimeOffset ErasedAt { get; init; }

    /// <summary>The wrapped keys destroyed.</summary>
    public required IReadOnlyList<DestroyedKey> DestroyedKeys { get; init; }

    /// <summary>Key blobs found for the record by a listing after the deletion: always 0 in a returned proof.</summary>
    public required int RemainingKeyBlobs { get; init; }

    /// <summary>The tombstone blob's URI.</summary>
    public required Uri TombstoneUri { get; init; }

    /// <summary>SHA-256 (hex) of the tombstone document as stored; not part of the document itself.</summary>
    [JsonIgnore]
    public string? TombstoneSha256 { get; init; }
}

/// <summary>One destroyed wrapped key.</summary>
/// <param name="RecipientKeyId">Key id of the organization the key was wrapped for.</param>
/// <param name="BlobName">The key blob deleted.</param>
/// <param name="WrappedKeySha256">SHA-256 (hex) of the destroyed key document.</param>
public sealed record DestroyedKey(string RecipientKeyId, string BlobName, string WrappedKeySha256);
