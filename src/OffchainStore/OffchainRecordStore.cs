using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedChain.OffchainStore;

/// <summary>
/// Envelope-encrypted, write-once medical records in blob storage. Each record gets a fresh data key; its
/// ciphertext (streamed segmented AES-256-GCM) goes to the records container, and the data key, wrapped for each
/// authorized organization, to the separate keys container as "{recordId}/{recipientKeyId}.json". Erasing a
/// record destroys its wrapped keys and their snapshots (crypto-shredding). Thread-safe. Call
/// <see cref="EnsureReadyAsync"/> at start-up: it creates the containers and refuses an account that keeps deleted
/// blobs recoverable.
/// </summary>
public partial class OffchainRecordStore
{
    private const string _tombstoneName = "erased.json";
    private readonly BlobServiceClient _service = null!;
    private readonly BlobContainerClient _records = null!;
    private readonly BlobContainerClient _keys = null!;
    private readonly OffchainStoreOptions _options = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Lock _readyLock = new();
    private Task? _ready;

    /// <summary>For mocking.</summary>
    protected OffchainRecordStore()
    {
    }

    /// <summary>Creates the store; the options are validated here.</summary>
    /// <param name="blobService">The storage account (Shared Key or Entra ID credentials, retries, etc. are set on it).</param>
    /// <param name="options">Containers and sizes; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Logger; <see langword="null"/> for none.</param>
    /// <param name="time">Clock for key and erasure timestamps; <see langword="null"/> for the system clock.</param>
    public OffchainRecordStore(BlobServiceClient blobService, OffchainStoreOptions? options = null, ILogger<OffchainRecordStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        options ??= new OffchainStoreOptions();
        options.Validate();
        _service = blobService;
        _records = blobService.GetBlobContainerClient(options.RecordsContainer);
        _keys = blobService.GetBlobContainerClient(options.KeysContainer);
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> as a stream and stores it under <paramref name="recordId"/>, then
    /// wraps the data key for each recipient (custodian first). Never overwrites: an existing record id gives
    /// <see cref="RecordAlreadyExistsException"/> and leaves the stored record unchanged.
    /// </summary>
    public virtual async Task<StoredRecord> PutAsync(string recordId, Stream plaintext, IReadOnlyList<OrgPublicKey> recipients, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0 || recipients.Any(r => r is null))
        {
            throw new ArgumentException("At least one recipient (the custodian) is needed, and none may be null.", nameof(recipients));
        }

        if (recipients.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).Count() != recipients.Count)
        {
            throw new ArgumentException("A recipient key appears twice.", nameof(recipients));
        }

        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.Put", _options.RecordsContainer, recordId);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            // Fail fast before streaming; the conditional commit below still settles races.
            if (await ExistsAsync(_records, recordId, cancellationToken).ConfigureAwait(false))
            {
                OffchainStoreLog.RecordAlreadyExists(_logger, recordId);
                throw new RecordAlreadyExistsException(recordId);
            }

            using var dataKey = DataKey.Generate();
            var encryption = new RecordEncryptionOptions { SegmentSize = _options.SegmentSize, ComputePlaintextSha256 = _options.ComputePlaintextSha256 };
            using var ciphertext = new EncryptingStream(plaintext, dataKey, recordId, encryption, leaveOpen: true);
            var upload = new BlobUploadOptions
            {
                // Write-once: the commit (Put Blob, or Put Block List after staging) fails if the blob exists.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Metadata = new Dictionary<string, string>
                {
                    ["mcformat"] = "MCE1",
                    ["datakeyid"] = dataKey.Id,
                    ["segmentsize"] = _options.SegmentSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                // The ciphertext stream is not seekable: the SDK buffers at most MaximumConcurrency blocks of this size.
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = _options.UploadBlockSize,
                    MaximumTransferSize = _options.UploadBlockSize,
                    MaximumConcurrency = _options.UploadConcurrency,
                },
                // A per-request MD5 lets the service reject a block corrupted on the way (not a security measure).
                TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
            };
            try
            {
                await _records.GetBlobClient(recordId).UploadAsync(ciphertext, upload, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (IsWriteOnceConflict(e))
            {
                OffchainStoreLog.RecordAlreadyExists(_logger, recordId);
                throw new RecordAlreadyExistsException(recordId, e);
            }
            catch (Exception e) when (BlobFailures.IsUnreachable(e))
            {
                throw BlobFailures.Unreachable(_service.Uri, $"upload of record '{recordId}'", e);
            }

            foreach (var recipient in recipients)
            {
                await PutWrappedKeyAsync(KeyWrap.Wrap(dataKey, recordId, recipient, _time), cancellationToken).ConfigureAwait(false);
            }

            var record = new StoredRecord
            {
                RecordId = recordId,
                BlobReference = _records.GetBlobClient(recordId).Uri,
                CiphertextSha256 = Convert.ToHexStringLower(ciphertext.GetCiphertextSha256()),
                CiphertextLength = ciphertext.CiphertextLength,
                PlaintextSha256 = ciphertext.GetPlaintextSha256() is { } p ? Convert.ToHexStringLower(p) : null,
                PlaintextLength = ciphertext.PlaintextLength,
                DataKeyId = dataKey.Id,
                Format = "MCE1",
                SegmentSize = _options.SegmentSize,
                RecipientKeyIds = [.. recipients.Select(r => r.KeyId)],
            };
            OffchainStoreLog.RecordStored(_logger, recordId, record.CiphertextLength, record.CiphertextSha256, recipients.Count);
            return record;
        }
        catch (Exception e) when (e is not RecordAlreadyExistsException && LogStoreFailed(recordId, e))
        {
            throw;
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Opens the record for reading with <paramref name="reader"/>'s private key: the returned stream decrypts and
    /// verifies as it is read (see <see cref="DecryptingStream"/>). Fails with <see cref="RecordKeyNotFoundException"/>
    /// if no key is wrapped for <paramref name="reader"/>, <see cref="RecordErasedException"/> if the record was erased.
    /// </summary>
    /// <param name="recordId">The record.</param>
    /// <param name="reader">The reading organization's key pair.</param>
    /// <param name="expectedCiphertextSha256">The anchored ciphertext hash (hex) to check, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the opening requests.</param>
    public virtual async Task<Stream> OpenReadAsync(string recordId, OrgKeyPair reader, string? expectedCiphertextSha256 = null, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentNullException.ThrowIfNull(reader);
        var expected = ParseExpectedHash(expectedCiphertextSha256);
        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.OpenRead", _options.RecordsContainer, recordId);
        try
        {
            using var dataKey = await UnwrapAsync(recordId, reader, cancellationToken).ConfigureAwait(false);
            // Streamed, not buffered: records can be hundreds of MB. The SDK resumes a broken read at the same ETag.
            var download = await _records.GetBlobClient(recordId).DownloadStreamingAsync(new BlobDownloadOptions(), cancellationToken).ConfigureAwait(false);
            var ciphertext = download.Value.Content;
            OffchainStoreLog.RecordOpened(_logger, recordId, reader.KeyId);
            // AesGcm copies the key, so the data key can be zeroed as soon as the stream exists.
            return new DecryptingStream(ciphertext, dataKey, recordId, new RecordDecryptionOptions
            {
                MaxSegmentSize = RecordHeader.MaxSegmentSize,
                ExpectedCiphertextSha256 = expected,
            });
        }
        catch (Exception e) when (BlobFailures.IsUnreachable(e))
        {
            OffchainDiagnostics.Fail(activity, e);
            throw BlobFailures.Unreachable(_service.Uri, $"opening record '{recordId}'", e);
        }

        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>Opens the record with whichever key of <paramref name="keyRing"/> it was granted to.</summary>
    public virtual async Task<Stream> OpenReadAsync(string recordId, IKeyRing keyRing, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentNullException.ThrowIfNull(keyRing);
        await foreach (var item in _keys.GetBlobsAsync(new GetBlobsOptions { Prefix = recordId + "/" }, cancellationToken).ConfigureAwait(false))
        {
            if (KeyIdOf(recordId, item.Name) is { } keyId && keyRing.Find(keyId) is { } keyPair)
            {
                return await OpenReadAsync(recordId, keyPair, null, cancellationToken).ConfigureAwait(false);
            }
        }

        throw await NoKeyExceptionAsync(recordId, string.Join(", ", keyRing.KeyIds), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Wraps the record's data key for another organization (after the patient's consent), using the custodian's
    /// key to unwrap it first. Returns <see langword="false"/> if that organization already had access.
    /// </summary>
    public virtual async Task<bool> GrantAsync(string recordId, OrgKeyPair custodian, OrgPublicKey recipient, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        ArgumentNullException.ThrowIfNull(custodian);
        ArgumentNullException.ThrowIfNull(recipient);
        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.Grant", _options.KeysContainer, recordId);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            using var dataKey = await UnwrapAsync(recordId, custodian, cancellationToken).ConfigureAwait(false);
            try
            {
                await PutWrappedKeyAsync(KeyWrap.Wrap(dataKey, recordId, recipient, _time), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (IsWriteOnceConflict(e))
            {
                return false;
            }

            // An erasure that ran meanwhile must win: take the new key back.
            if (await TryReadTombstoneAsync(recordId, cancellationToken).ConfigureAwait(false) is { } proof)
            {
                await DeleteKeyBlobAsync(KeyBlobName(recordId, recipient.KeyId), cancellationToken).ConfigureAwait(false);
                throw new RecordErasedException(recordId, proof.ErasedAt);
            }

            OffchainStoreLog.KeyGranted(_logger, recordId, recipient.KeyId);
            return true;
        }
        catch (Exception e) when (BlobFailures.IsUnreachable(e))
        {
            OffchainDiagnostics.Fail(activity, e);
            throw BlobFailures.Unreachable(_service.Uri, $"grant on record '{recordId}'", e);
        }

        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Crypto-shreds the record: deletes every wrapped copy of its data key, checks by listing that none is left,
    /// and writes the tombstone "{recordId}/erased.json". Erasing an erased record returns the existing proof.
    /// </summary>
    public virtual async Task<ErasureProof> EraseAsync(string recordId, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        using var activity = OffchainDiagnostics.Start("OffchainRecordStore.Erase", _options.KeysContainer, recordId);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var keys = await ListKeyBlobsAsync(recordId, cancellationToken).ConfigureAwait(false);
            var existing = await TryReadTombstoneAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (keys.Count == 0 && existing is not null)
            {
                return existing;
            }

            if (keys.Count == 0 && !await ExistsAsync(_records, recordId, cancellationToken).ConfigureAwait(false))
            {
                throw new RecordNotFoundException(recordId);
            }

            // The tombstone goes first so that a concurrent grant sees it; it is rewritten with the final list.
            var destroyed = new List<DestroyedKey>(existing?.DestroyedKeys ?? []);
            var proof = await WriteTombstoneAsync(recordId, destroyed, cancellationToken).ConfigureAwait(false);
            for (var round = 0; keys.Count > 0; round++)
            {
                if (round == 5)
                {
                    throw new InvalidOperationException($"Record '{recordId}': wrapped keys keep appearing while it is erased; erase again.");
                }

                foreach (var name in keys)
                {
                    if (round > 0)
                    {
                        OffchainStoreLog.LateKeyRemoved(_logger, recordId, name);
                    }

                    destroyed.Add(await DestroyKeyAsync(recordId, name, cancellationToken).ConfigureAwait(false));
                }

                keys = await ListKeyBlobsAsync(recordId, cancellationToken).ConfigureAwait(false);
            }

            proof = await WriteTombstoneAsync(recordId, destroyed, cancellationToken).ConfigureAwait(false);
            OffchainStoreLog.RecordErased(_logger, recordId, destroyed.Count);
            return proof;
        }
        catch (Exception e) when (BlobFailures.IsUnreachable(e))
        {
            OffchainDiagnostics.Fail(activity, e);
            throw BlobFailures.Unreachable(_service.Uri, $"erasure of record '{recordId}'", e);
        }

        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>Whether the record was erased (has a tombstone).</summary>
    public virtual async Task<bool> IsErasedAsync(string recordId, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        return await ExistsAsync(_keys, TombstoneBlobName(recordId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DataKey> UnwrapAsync(string recordId, OrgKeyPair me, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await DownloadBytesAsync(_keys, KeyBlobName(recordId, me.KeyId), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            throw await NoKeyExceptionAsync(recordId, me.KeyId, e, cancellationToken).ConfigureAwait(false);
        }

        WrappedDataKey wrapped;
        try
        {
            wrapped = WrappedDataKey.FromJson(json);
        }
        catch (FormatException e)
        {
            throw new CryptographicException($"The wrapped key of record '{recordId}' for key {me.KeyId} is malformed.", e);
        }

        try
        {
            return KeyWrap.Unwrap(wrapped, recordId, me);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"The wrapped key of record '{recordId}' for key {me.KeyId} failed to unwrap: {e.Message}", e);
        }
    }
}
