using Microsoft.Extensions.Logging;

namespace MedChain.OffchainStore.Internal;

/// <summary>The store's log events (ids 1-99 are stable).</summary>
internal static partial class OffchainStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Stored record {RecordId}: {CiphertextLength} ciphertext bytes, SHA-256 {CiphertextSha256}, {RecipientCount} recipient(s)")]
    public static partial void RecordStored(ILogger logger, string recordId, long ciphertextLength, string ciphertextSha256, int recipientCount);

    [LoggerMessage(2, LogLevel.Warning, "Record {RecordId} already exists; the upload was refused and the stored record left unchanged")]
    public static partial void RecordAlreadyExists(ILogger logger, string recordId);

    [LoggerMessage(3, LogLevel.Debug, "Opened record {RecordId} with key {KeyId}")]
    public static partial void RecordOpened(ILogger logger, string recordId, string keyId);

    [LoggerMessage(4, LogLevel.Information, "Granted record {RecordId} to key {KeyId}")]
    public static partial void KeyGranted(ILogger logger, string recordId, string keyId);

    [LoggerMessage(5, LogLevel.Information, "Erased record {RecordId}: {KeyCount} wrapped key(s) destroyed")]
    public static partial void RecordErased(ILogger logger, string recordId, int keyCount);

    [LoggerMessage(6, LogLevel.Warning, "Record {RecordId}: removed wrapped key {BlobName} written concurrently with its erasure")]
    public static partial void LateKeyRemoved(ILogger logger, string recordId, string blobName);

    [LoggerMessage(7, LogLevel.Error, "Storing record {RecordId} failed")]
    public static partial void StoreFailed(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(8, LogLevel.Critical, "Storage account {AccountName} keeps deleted blobs recoverable; the store refuses to run. {Detail}")]
    public static partial void RecoverableDeletesRefused(ILogger logger, string accountName, string detail);

    [LoggerMessage(9, LogLevel.Warning, "Erasure is NOT final on storage account {AccountName}: {Reasons}. Destroyed data keys stay recoverable from storage until the retention ends; running anyway because AllowRecoverableDeletes is set")]
    public static partial void RecoverableDeletesAccepted(ILogger logger, string accountName, string reasons);

    [LoggerMessage(10, LogLevel.Error, "Cannot read the blob service properties of storage account {AccountName} ({ErrorCode}), so blob soft delete cannot be ruled out")]
    public static partial void ServicePropertiesUnreadable(ILogger logger, string accountName, string? errorCode, Exception exception);
}
