namespace MedChain.OffchainStore;

/// <summary>Options of <see cref="OffchainRecordStore"/>; validated when the store is created.</summary>
public sealed class OffchainStoreOptions
{
    /// <summary>Default upload block size: 4 MiB.</summary>
    public const int DefaultUploadBlockSize = 4 * 1024 * 1024;

    /// <summary>Largest upload block size accepted: 100 MiB.</summary>
    public const int MaxUploadBlockSize = 100 * 1024 * 1024;

    /// <summary>Container of the ciphertexts. Default "medchain-records".</summary>
    public string RecordsContainer { get; set; } = "medchain-records";

    /// <summary>Container of the wrapped keys and erasure tombstones, kept apart from the ciphertexts. Default "medchain-keys".</summary>
    public string KeysContainer { get; set; } = "medchain-keys";

    /// <summary>Plaintext bytes per encrypted segment, 1 KiB to 16 MiB. Default 64 KiB.</summary>
    public int SegmentSize { get; set; } = Crypto.RecordEncryptionOptions.DefaultSegmentSize;

    /// <summary>Bytes per uploaded block, 64 KiB to 100 MiB. Default 4 MiB.</summary>
    public int UploadBlockSize { get; set; } = DefaultUploadBlockSize;

    /// <summary>
    /// Blocks of one upload sent at the same time, 1 to 16. An upload buffers about this many blocks, so its memory
    /// is bounded by <see cref="UploadConcurrency"/> × <see cref="UploadBlockSize"/> whatever the record's size. Default 2.
    /// </summary>
    public int UploadConcurrency { get; set; } = 2;

    /// <summary>Also compute the plaintext's SHA-256 on upload. Default <see langword="true"/>.</summary>
    public bool ComputePlaintextSha256 { get; set; } = true;

    /// <summary>
    /// Run even though the account keeps deleted blobs recoverable (blob soft delete or versioning), which makes
    /// erasure recoverable until the retention ends. Default <see langword="false"/>: the store refuses to run
    /// (see <see cref="OffchainRecordStore.EnsureReadyAsync"/>). When <see langword="true"/>, a warning is logged instead.
    /// </summary>
    public bool AllowRecoverableDeletes { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid option.</summary>
    public void Validate()
    {
        ValidateContainerName(RecordsContainer, nameof(RecordsContainer));
        ValidateContainerName(KeysContainer, nameof(KeysContainer));
        if (RecordsContainer == KeysContainer)
        {
            throw new ArgumentException("RecordsContainer and KeysContainer must differ: keys are kept apart from ciphertexts.");
        }

        if (SegmentSize is < 1024 or > Internal.RecordHeader.MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize, $"SegmentSize must be between 1024 and {Internal.RecordHeader.MaxSegmentSize} bytes.");
        }

        if (UploadBlockSize is < 64 * 1024 or > MaxUploadBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(UploadBlockSize), UploadBlockSize, $"UploadBlockSize must be between 65536 and {MaxUploadBlockSize} bytes.");
        }

        if (UploadConcurrency is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(UploadConcurrency), UploadConcurrency, "UploadConcurrency must be between 1 and 16.");
        }
    }

    /// <summary>The service's container naming rules, checked here because the SDK sends any name and fails late.</summary>
    private static void ValidateContainerName(string container, string option)
    {
        if (container is null || container.Length is < 3 or > 63 ||
            !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            !char.IsAsciiLetterOrDigit(container[0]) || container.EndsWith('-') || container.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{option} '{container}' is not a valid container name (3-63 lower-case letters, digits and single hyphens).", option);
        }
    }
}
