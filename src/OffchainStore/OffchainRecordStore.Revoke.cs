using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore;

public partial class OffchainRecordStore
{
    /// <summary>
    /// Deletes the record's data key wrapped for <paramref name="recipient"/> (with its snapshots), once the grant's
    /// revocation is recorded elsewhere; the custodian's key and the ciphertext stay. Returns <see langword="false"/>
    /// when that organization held no key.
    /// </summary>
    public virtual async Task<bool> RevokeGrantAsync(string recordId, OrgPublicKey recipient, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentNullException.ThrowIfNull(recipient);
        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.RevokeGrant", _options.KeysContainer, recordId);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var name = KeyBlobName(recordId, recipient.KeyId);
            var existed = await ExistsAsync(_keys, name, cancellationToken).ConfigureAwait(false);
            await DeleteKeyBlobAsync(name, cancellationToken).ConfigureAwait(false);
            return existed;
        }
        catch (Exception e) when (BlobFailures.IsUnreachable(e))
        {
            OffchainDiagnostics.Fail(activity, e);
            throw BlobFailures.Unreachable(_service.Uri, $"revoking a grant on record '{recordId}'", e);
        }

        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>Whether a data key of the record is wrapped for the key <paramref name="keyId"/>.</summary>
    public virtual async Task<bool> HasKeyAsync(string recordId, string keyId, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return await ExistsAsync(_keys, KeyBlobName(recordId, keyId), cancellationToken).ConfigureAwait(false);
    }
}
