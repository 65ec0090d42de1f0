using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using MedChain.OffchainStore.Blobs;
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

        if (!await ExistsAsync(_options.RecordsContainer, recordId, cancellationToken).ConfigureAwait(false))
        {
            return new RecordNotFoundException(recordId, inner);
        }

        return new RecordKeyNotFoundException(recordId, keyId, inner);
    }

    private async Task PutWrappedKeyAsync(WrappedDataKey wrapped, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream(wrapped.ToJson());
        var upload = new BlobUploadOptions { IfNoneMatchStar = true, ContentType = "application/json" };
        await _blobs.UploadAsync(_options.KeysContainer, KeyBlobName(wrapped.RecordId, wrapped.RecipientKeyId), json, upload, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DestroyedKey> DestroyKeyAsync(string recordId, string name, CancellationToken cancellationToken)
    {
        var json = await DownloadBytesAsync(_options.KeysContainer, name, cancellationToken).ConfigureAwait(false);
        await _blobs.DeleteAsync(_options.KeysContainer, name, cancellationToken).ConfigureAwait(false);
        return new DestroyedKey(KeyIdOf(recordId, name) ?? name, name, Convert.ToHexStringLower(SHA256.HashData(json)));
    }

    private async Task<ErasureProof> WriteTombstoneAsync(string recordId, List<DestroyedKey> destroyed, CancellationToken cancellationToken)
    {
        var proof = new ErasureProof
        {
            RecordId = recordId,
            ErasedAt = _time.GetUtcNow(),
            DestroyedKeys = [.. destroyed],
            RemainingKeyBlobs = 0,
            TombstoneUri = _blobs.GetBlobUri(_options.KeysContainer, TombstoneBlobName(recordId)),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(proof, OffchainJsonContext.Default.ErasureProof);
        using var content = new MemoryStream(json);
        var upload = new BlobUploadOptions { IfNoneMatchStar = false, ContentType = "application/json" };
        await _blobs.UploadAsync(_options.KeysContainer, TombstoneBlobName(recordId), content, upload, cancellationToken).ConfigureAwait(false);
        return proof with { TombstoneSha256 = Convert.ToHexStringLower(SHA256.HashData(json)) };
    }

    private async Task<ErasureProof?> TryReadTombstoneAsync(string recordId, CancellationToken cancellationToken)
    {
        try
        {
            var json = await DownloadBytesAsync(_options.KeysContainer, TombstoneBlobName(recordId), cancellationToken).ConfigureAwait(false);
            var proof = JsonSerializer.Deserialize(json, OffchainJsonContext.Default.ErasureProof)
                ?? throw new FormatException($"Empty tombstone for record '{recordId}'.");
            return proof with { TombstoneSha256 = Convert.ToHexStringLower(SHA256.HashData(json)) };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<List<string>> ListKeyBlobsAsync(string recordId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in _blobs.ListAsync(_options.KeysContainer, recordId + "/", cancellationToken).ConfigureAwait(false))
        {
            if (KeyIdOf(recordId, item.Name) is not null)
            {
                names.Add(item.Name);
            }
        }

        return names;
    }

    private async Task<byte[]> DownloadBytesAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var stream = await _blobs.DownloadAsync(container, name, null, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await _blobs.GetPropertiesAsync(container, name, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        var task = _containers.Value;
        return task.IsFaulted || task.IsCanceled ? CreateContainersAsync() : task.WaitAsync(cancellationToken);
    }

    private async Task CreateContainersAsync()
    {
        await _blobs.CreateContainerIfNotExistsAsync(_options.RecordsContainer).ConfigureAwait(false);
        await _blobs.CreateContainerIfNotExistsAsync(_options.KeysContainer).ConfigureAwait(false);
    }

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
