using Azure;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Internal;

namespace MedChain.OffchainStore;

/// <summary>Start-up: containers, and the check that deleting a key blob really destroys it.</summary>
public partial class OffchainRecordStore
{
    private const string _probePrefix = ".medchain-probe/";

    /// <summary>
    /// Creates the containers if needed and checks that the account does not keep deleted blobs recoverable (blob
    /// soft delete, versioning), since crypto-shredding relies on deletes being final. Throws
    /// <see cref="RecoverableDeletesException"/> if it does (or if the service properties cannot be read), unless
    /// <see cref="OffchainStoreOptions.AllowRecoverableDeletes"/> is set, in which case it logs a warning. The host
    /// should call it at start-up; writes and erasures call it too, so a store that was not made ready never writes.
    /// A success is remembered; a failure is retried on the next call.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the check itself goes on for the other callers.</param>
    public virtual Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        Task ready;
        lock (_readyLock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                // Shared by every caller, so no caller's token may cancel it.
                _ready = PrepareAsync(CancellationToken.None);
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.EnsureReady");
        try
        {
            await _records.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _keys.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var softDelete = await ReadDeleteRetentionAsync(cancellationToken).ConfigureAwait(false);
            var versioning = await WriteReturnsVersionIdAsync(cancellationToken).ConfigureAwait(false);
            var reasons = RecoverableDeletes.Reasons(softDelete, versioning);
            switch (RecoverableDeletes.Decide(reasons, _options.AllowRecoverableDeletes))
            {
                case RecoverableDeletes.Decision.Refuse:
                    var refused = new RecoverableDeletesException(reasons);
                    OffchainStoreLog.RecoverableDeletesRefused(_logger, _service.AccountName, refused.Message);
                    throw refused;
                case RecoverableDeletes.Decision.RunWithWarning:
                    OffchainStoreLog.RecoverableDeletesAccepted(_logger, _service.AccountName, string.Join("; ", reasons));
                    break;
            }
        }
        catch (Exception e) when (BlobFailures.IsUnreachable(e))
        {
            throw BlobFailures.Unreachable(_service.Uri, "start-up check", e);
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>The delete retention (soft delete) policy, or <see langword="null"/> if this principal may not read it.</summary>
    private async Task<BlobRetentionPolicy?> ReadDeleteRetentionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _service.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return properties.Value.DeleteRetentionPolicy ?? new BlobRetentionPolicy { Enabled = false };
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            OffchainStoreLog.ServicePropertiesUnreadable(_logger, _service.AccountName, e.ErrorCode, e);
            return null;
        }
    }

    /// <summary>
    /// Versioning is an account setting the data plane does not expose, but every write then returns a version id:
    /// a tiny probe blob (its name cannot be a record id) shows it, and is deleted again.
    /// </summary>
    private async Task<bool> WriteReturnsVersionIdAsync(CancellationToken cancellationToken)
    {
        var probe = _keys.GetBlobClient(_probePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var written = await probe.UploadAsync(BinaryData.FromString("versioning probe"), cancellationToken).ConfigureAwait(false);
            return written.Value.VersionId is { Length: > 0 };
        }
        finally
        {
            await probe.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
