namespace MedChain.OffchainStore.Crypto;

/// <summary>Options of <see cref="EncryptingStream"/>.</summary>
public sealed class RecordEncryptionOptions
{
    /// <summary>Default plaintext bytes per segment: 64 KiB.</summary>
    public const int DefaultSegmentSize = 64 * 1024;

    /// <summary>
    /// Plaintext bytes per segment, 16 B to 16 MiB. Default 64 KiB. Memory use of both streams is about two
    /// segments, whatever the record size.
    /// </summary>
    public int SegmentSize { get; set; } = DefaultSegmentSize;

    /// <summary>Also hash the plaintext (SHA-256) while encrypting. Default <see langword="true"/>.</summary>
    public bool ComputePlaintextSha256 { get; set; } = true;

    internal void Validate()
    {
        if (SegmentSize is < Internal.RecordHeader.MinSegmentSize or > Internal.RecordHeader.MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize,
                $"SegmentSize must be between {Internal.RecordHeader.MinSegmentSize} and {Internal.RecordHeader.MaxSegmentSize} bytes.");
        }
    }
}
