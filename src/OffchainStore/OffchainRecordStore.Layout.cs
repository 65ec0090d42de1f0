using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore;

/// <summary>The store's blob layout: wrapped keys, tombstones and containers.</summary>
public partial class OffchainRecordStore
{
    private bool LogStoreFailed(string recordId, Exception exception)
    {
        OffchainStoreLog.StoreFailed(_logger, recordId, exception);
        return false;
    }

    private async Task<OffchainRecordException> NoKeyExceptionAsync(string recordId, string keyId, Exception? inner, CancellationToken cancellationToken)
    {
        if (await TryReadTombstoneAsync(recordId, cancellationToken).ConfigureAwait(false) is { } proof)
        {
            return new RecordErasedException(recordId, proof.ErasedAt, inner);
        }

        if (!await ExistsAsync(_records, recordId, cancellationToken).ConfigureAwait(false))
        {
            return new RecordNotFoundException(recordId, inner);
        }

        return new RecordKeyNotFoundException(recordId, keyId, inner);
    }

    private async Task PutWrappedKeyAsync(WrappedDataKey wrapped, CancellationToken cancellationToken)
    {
        var upload = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        await _keys.GetBlobClient(KeyBlobName(wrapped.RecordId, wrapped.RecipientKeyId))
            .UploadAsync(new BinaryData(wrapped.ToJson()), upload, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DestroyedKey> DestroyKeyAsync(string recordId, string name, CancellationToken cancellationToken)
    {
        var json = await DownloadBytesAsync(_keys, name, cancellationToken).ConfigureAwait(false);
        await DeleteKeyBlobAsync(name, cancellationToken).ConfigureAwait(false);
        return new DestroyedKey(KeyIdOf(recordId, name) ?? name, name, Convert.ToHexStringLower(SHA256.HashData(json)));
    }

    /// <summary>Deletes a key blob with its snapshots: a snapshot left behind would still hold the wrapped key.</summary>
    private async Task DeleteKeyBlobAsync(string name, CancellationToken cancellationToken) =>
        await _keys.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, cancellationToken).ConfigureAwait(false);

    private async Task<ErasureProof> WriteTombstoneAsync(string recordId, List<DestroyedKey> destroyed, CancellationToken cancellationToken)
    {
        var tombstone = _keys.GetBlobClient(TombstoneBlobName(recordId));
        var proof = new ErasureProof
        {
            RecordId = recordId,
            ErasedAt = _time.GetUtcNow(),
            DestroyedKeys = [.. destroyed],
            RemainingKeyBlobs = 0,
            TombstoneUri = tombstone.Uri,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(proof, OffchainJsonContext.Default.ErasureProof);
        // No condition: the tombstone is rewritten with the final list of destroyed keys.
        var upload = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await tombstone.UploadAsync(new BinaryData(json), upload, cancellationToken).ConfigureAwait(false);
        return proof with { TombstoneSha256 = Convert.ToHexStringLower(SHA256.HashData(json)) };
    }

    private async Task<ErasureProof?> TryReadTombstoneAsync(string recordId, CancellationToken cancellationToken)
    {
        try
        {
            var json = await DownloadBytesAsync(_keys, TombstoneBlobName(recordId), cancellationToken).ConfigureAwait(false);
            var proof = JsonSerializer.Deserialize(json, OffchainJsonContext.Default.ErasureProof)
                ?? throw new FormatException($"Empty tombstone for record '{recordId}'.");
            return proof with { TombstoneSha256 = Convert.ToHexStringLower(SHA256.HashData(json)) };
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>The record's key blobs; snapshots are listed too, so a key kept only in a snapshot still counts.</summary>
    private async Task<List<string>> ListKeyBlobsAsync(string recordId, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var listing = new GetBlobsOptions { Prefix = recordId + "/", States = BlobStates.Snapshots };
        await foreach (var item in _keys.GetBlobsAsync(listing, cancellationToken).ConfigureAwait(false))
        {
            if (KeyIdOf(recordId, item.Name) is not null)
            {
                names.Add(item.Name);
            }
        }

        return [.. names];
    }

    private static async Task<byte[]> DownloadBytesAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return content.Value.Content.ToArray();
    }

    private static async Task<bool> ExistsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary>A missing blob, or its whole container not created yet (nothing was ever stored).</summary>
    private static bool IsNotFound(RequestFailedException e) =>
        e.Status == 404 || e.ErrorCode == BlobErrorCode.BlobNotFound || e.ErrorCode == BlobErrorCode.ContainerNotFound;

    /// <summary>An If-None-Match: * write on an existing blob: 409 BlobAlreadyExists (Azure), 412 ConditionNotMet (some emulators, or a race at commit).</summary>
    private static bool IsWriteOnceConflict(RequestFailedException e) =>
        e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.ErrorCode == BlobErrorCode.ConditionNotMet;

    private static ReadOnlyMemory<byte>? ParseExpectedHash(string? hex)
    {
        if (hex is null)
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromHexString(hex);
            return bytes.Length == 32 ? bytes : throw new FormatException();
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The expected ciphertext SHA-256 must be 64 hex characters.", nameof(hex), e);
        }
    }

    private static string KeyBlobName(string recordId, string keyId) => $"{recordId}/{keyId}.json";

    private static string TombstoneBlobName(string recordId) => $"{recordId}/{_tombstoneName}";

    private static string? KeyIdOf(string recordId, string blobName)
    {
        var name = blobName[(recordId.Length + 1)..];
        return name != _tombstoneName && name.EndsWith(".json", StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal)
            ? name[..^".json".Length]
            : null;
    }
}
