namespace MedChain.OffchainStore;

/// <summary>
/// The storage account keeps deleted blobs recoverable (blob soft delete or versioning), or this could not be ruled
/// out, so erasing a record would not really destroy its keys. Thrown by <see cref="OffchainRecordStore.EnsureReadyAsync"/>
/// unless <see cref="OffchainStoreOptions.AllowRecoverableDeletes"/> is set.
/// </summary>
public sealed class RecoverableDeletesException : InvalidOperationException
{
    public RecoverableDeletesException(IReadOnlyList<string> reasons, Exception? innerException = null)
        : base(Describe(reasons), innerException) => Reasons = reasons;

    /// <summary>Each setting that makes deletes recoverable, in words.</summary>
    public IReadOnlyList<string> Reasons { get; }

    private static string Describe(IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return $"Crypto-shredding would not destroy keys on this storage account: {string.Join("; ", reasons)}. " +
            "Disable blob soft delete and versioning on the account, or set AllowRecoverableDeletes to accept recoverable erasure.";
    }
}
