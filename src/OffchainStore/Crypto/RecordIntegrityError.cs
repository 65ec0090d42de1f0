namespace MedChain.OffchainStore.Crypto;

/// <summary>Why a ciphertext was rejected.</summary>
public enum RecordIntegrityError
{
    /// <summary>The header is malformed or failed authentication.</summary>
    HeaderTampered,

    /// <summary>The header names a format version or algorithm this reader doesn't know.</summary>
    UnsupportedFormat,

    /// <summary>The ciphertext was encrypted for another record id.</summary>
    RecordIdMismatch,

    /// <summary>The ciphertext was encrypted under another data key.</summary>
    KeyMismatch,

    /// <summary>A segment failed authentication (changed, reordered or spliced).</summary>
    SegmentAuthenticationFailed,

    /// <summary>The ciphertext ends before its final segment.</summary>
    Truncated,

    /// <summary>Bytes follow the final segment.</summary>
    TrailingData,

    /// <summary>The ciphertext is authentic but its SHA-256 differs from the anchored one.</summary>
    AnchorMismatch,
}
