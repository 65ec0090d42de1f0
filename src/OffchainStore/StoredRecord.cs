namespace MedChain.OffchainStore;

/// <summary>
/// What <see cref="OffchainRecordStore.PutAsync"/> stored: the values a chain transaction anchors (record id,
/// blob reference, ciphertext SHA-256 and length) plus what is useful to the caller.
/// </summary>
public sealed record StoredRecord
{
    /// <summary>The record id (bound into the ciphertext as associated data).</summary>
    public required string RecordId { get; init; }

    /// <summary>URI of the ciphertext blob.</summary>
    public required Uri BlobReference { get; init; }

    /// <summary>SHA-256 of the complete ciphertext, lower-case hex: the value to anchor on chain.</summary>
    public required string CiphertextSha256 { get; init; }

    /// <summary>Ciphertext length in bytes.</summary>
    public required long CiphertextLength { get; init; }

    /// <summary>SHA-256 of the plaintext, lower-case hex, if computed (see <see cref="OffchainStoreOptions.ComputePlaintextSha256"/>).</summary>
    public string? PlaintextSha256 { get; init; }

    /// <summary>Plaintext length in bytes.</summary>
    public required long PlaintextLength { get; init; }

    /// <summary>Id of the record's data key.</summary>
    public required string DataKeyId { get; init; }

    /// <summary>Ciphertext format, "MCE1" version 1.</summary>
    public required string Format { get; init; }

    /// <summary>Plaintext bytes per segment.</summary>
    public required int SegmentSize { get; init; }

    /// <summary>Key ids of the organizations the data key was wrapped for, custodian first.</summary>
    public required IReadOnlyList<string> RecipientKeyIds { get; init; }
}
