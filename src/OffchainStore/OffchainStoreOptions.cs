using MedChain.OffchainStore.Blobs;

namespace MedChain.OffchainStore;

/// <summary>Options of <see cref="OffchainRecordStore"/>; validated when the store is created.</summary>
public sealed class OffchainStoreOptions
{
    /// <summary>Container of the ciphertexts. Default "medchain-records".</summary>
    public string RecordsContainer { get; set; } = "medchain-records";

    /// <summary>Container of the wrapped keys and erasure tombstones, kept apart from the ciphertexts. Default "medchain-keys".</summary>
    public string KeysContainer { get; set; } = "medchain-keys";

    /// <summary>Plaintext bytes per encrypted segment, 1 KiB to 16 MiB. Default 64 KiB.</summary>
    public int SegmentSize { get; set; } = Crypto.RecordEncryptionOptions.DefaultSegmentSize;

    /// <summary>Bytes per uploaded block, 64 KiB to 100 MiB. Default 4 MiB.</summary>
    public int UploadBlockSize { get; set; } = BlobUploadOptions.DefaultBlockSize;

    /// <summary>Also compute the plaintext's SHA-256 on upload. Default <see langword="true"/>.</summary>
    public bool ComputePlaintextSha256 { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid option.</summary>
    public void Validate()
    {
        AzureBlobRestClient.ValidateContainerName(RecordsContainer);
        AzureBlobRestClient.ValidateContainerName(KeysContainer);
        if (RecordsContainer == KeysContainer)
        {
            throw new ArgumentException("RecordsContainer and KeysContainer must differ: keys are kept apart from ciphertexts.");
        }

        if (SegmentSize is < 1024 or > Internal.RecordHeader.MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize, $"SegmentSize must be between 1024 and {Internal.RecordHeader.MaxSegmentSize} bytes.");
        }

        if (UploadBlockSize is < 64 * 1024 or > BlobUploadOptions.MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(UploadBlockSize), UploadBlockSize, $"UploadBlockSize must be between 65536 and {BlobUploadOptions.MaxBlockSize} bytes.");
        }
    }
}
