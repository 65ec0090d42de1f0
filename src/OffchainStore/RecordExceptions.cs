namespace MedChain.OffchainStore;

/// <summary>Base of the store's record-level failures; carries the record id.</summary>
public abstract class OffchainRecordException : Exception
{
    protected OffchainRecordException(string recordId, string message, Exception? innerException = null)
        : base(message, innerException) => RecordId = recordId;

    /// <summary>The record concerned.</summary>
    public string RecordId { get; }
}

/// <summary>A record with this id is already stored; it was left unchanged.</summary>
public sealed class RecordAlreadyExistsException(string recordId, Exception? innerException = null)
    : OffchainRecordException(recordId, $"Record '{recordId}' already exists; records are write-once and the stored content was left unchanged.", innerException);

/// <summary>No record with this id is stored.</summary>
public sealed class RecordNotFoundException(string recordId, Exception? innerException = null)
    : OffchainRecordException(recordId, $"Record '{recordId}' does not exist.", innerException);

/// <summary>The record exists but no data key is wrapped for the given organization key.</summary>
public sealed class RecordKeyNotFoundException(string recordId, string keyId, Exception? innerException = null)
    : OffchainRecordException(recordId, $"No data key of record '{recordId}' is wrapped for key {keyId}: access has not been granted to this organization.", innerException)
{
    /// <summary>The organization key id that has no wrapped key.</summary>
    public string KeyId { get; } = keyId;
}

/// <summary>The record was erased (its keys destroyed); it can never be decrypted again.</summary>
public sealed class RecordErasedException(string recordId, DateTimeOffset? erasedAt = null, Exception? innerException = null)
    : OffchainRecordException(recordId, $"Record '{recordId}' was erased{(erasedAt is { } at ? $" at {at:O}" : string.Empty)}: its keys are destroyed and it can no longer be decrypted.", innerException)
{
    /// <summary>When it was erased, when known.</summary>
    public DateTimeOffset? ErasedAt { get; } = erasedAt;
}
