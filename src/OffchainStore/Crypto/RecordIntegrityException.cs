namespace MedChain.OffchainStore.Crypto;

/// <summary>
/// A ciphertext failed verification. No plaintext of the failing segment (or any later one) was released.
/// </summary>
public sealed class RecordIntegrityException : Exception
{
    public RecordIntegrityException()
        : this(RecordIntegrityError.HeaderTampered, null, "The ciphertext failed verification.")
    {
    }

    public RecordIntegrityException(string message)
        : this(RecordIntegrityError.HeaderTampered, null, message)
    {
    }

    public RecordIntegrityException(string message, Exception innerException)
        : this(RecordIntegrityError.HeaderTampered, null, message, innerException)
    {
    }

    public RecordIntegrityException(RecordIntegrityError error, long? segmentIndex, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        SegmentIndex = segmentIndex;
    }

    /// <summary>What was wrong.</summary>
    public RecordIntegrityError Error { get; }

    /// <summary>The zero-based segment that failed, when the failure is tied to one.</summary>
    public long? SegmentIndex { get; }
}
