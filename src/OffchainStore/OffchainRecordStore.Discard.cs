using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Internal;

namespace MedChain.OffchainStore;

public partial class OffchainRecordStore
{
    /// <summary>
    /// Removes a record that was never anchored (its anchor definitely failed): its wrapped keys, then its
    /// ciphertext, and no tombstone, so the id is free to use again. Never for an anchored record: that is
    /// <see cref="EraseAsync"/>, which leaves proof.
    /// </summary>
    public virtual async Task DiscardUnanchoredAsync(string recordId, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        // Keys first: should the ciphertext delete fail, what is left cannot be decrypted.
        foreach (var name in await ListKeyBlobsAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            await DeleteKeyBlobAsync(name, cancellationToken).ConfigureAwait(false);
        }

        await _records.GetBlobClient(recordId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, cancellationToken).ConfigureAwait(false);
    }
}
