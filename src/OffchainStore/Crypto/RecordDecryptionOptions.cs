namespace MedChain.OffchainStore.Crypto;

/// <summary>Options of <see cref="DecryptingStream"/>.</summary>
public sealed class RecordDecryptionOptions
{
    /// <summary>
    /// Largest segment size accepted from a header, bounding memory against a hostile header. Default 16 MiB
    /// (the largest an <see cref="EncryptingStream"/> writes).
    /// </summary>
    public int MaxSegmentSize { get; set; } = Internal.RecordHeader.MaxSegmentSize;

    /// <summary>
    /// The SHA-256 the ciphertext must have (e.g. the value anchored on chain), or <see langword="null"/> (default)
    /// for no check. Checked before the final segment's plaintext is released.
    /// </summary>
    public ReadOnlyMemory<byte>? ExpectedCiphertextSha256 { get; set; }

    /// <summary>Also hash the plaintext (SHA-256) while decrypting. Default <see langword="false"/>.</summary>
    public bool ComputePlaintextSha256 { get; set; }

    internal void Validate()
    {
        if (MaxSegmentSize is < Internal.RecordHeader.MinSegmentSize or > Internal.RecordHeader.MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSegmentSize), MaxSegmentSize,
                $"MaxSegmentSize must be between {Internal.RecordHeader.MinSegmentSize} and {Internal.RecordHeader.MaxSegmentSize} bytes.");
        }

        if (ExpectedCiphertextSha256 is { Length: not 32 } expected)
        {
            throw new ArgumentException($"ExpectedCiphertextSha256 must be 32 bytes, not {expected.Length}.", nameof(ExpectedCiphertextSha256));
        }
    }
}
