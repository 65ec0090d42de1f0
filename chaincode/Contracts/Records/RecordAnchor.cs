using MedChain.Contracts.Common;

namespace MedChain.Contracts.Records;

/// <summary>
/// One version of an anchored record: proof that an encrypted blob with this SHA-256 existed at the
/// transaction time, held by this custodian. No content, only hash, size, blob reference and key id.
/// </summary>
public sealed record RecordAnchor
{
    public required string RecordId { get; init; }

    /// <summary>1 for the first anchor, +1 for each superseding one.</summary>
    public required int Version { get; init; }

    public required string PatientId { get; init; }

    /// <summary>SHA-256 of the encrypted blob, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size of the encrypted blob in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Where the blob lives off chain (e.g. <c>container/name</c>).</summary>
    public required string BlobRef { get; init; }

    /// <summary>Id of the key that encrypts the blob (destroyed off chain on erasure).</summary>
    public required string KeyId { get; init; }

    /// <summary>The custodian organization (the anchoring caller's MSP).</summary>
    public required string CustodianMspId { get; init; }

    public required Party AnchoredBy { get; init; }

    /// <summary>The transaction time.</summary>
    public required DateTimeOffset AnchoredAt { get; init; }

    /// <summary>The anchoring transaction.</summary>
    public required string TxId { get; init; }

    /// <summary>The version this one replaces, if any.</summary>
    public int? Supersedes { get; init; }

    /// <summary>The version that replaced this one, if any.</summary>
    public int? SupersededBy { get; init; }

    /// <summary>True once the custodian erased the record (its key destroyed); the anchor stays as proof.</summary>
    public bool Erased { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }
}
