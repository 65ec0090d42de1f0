using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using MedChain.OffchainStore.Blobs;
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
/// record destroys its wrapped keys (crypto-shredding). Thread-safe.
/// </summary>
public partial class OffchainRecordStore
{
    private const string _tombstoneName = "erased.json";
    private readonly IBlobStore _blobs = null!;
    private readonly OffchainStoreOptions _options = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Lazy<Task> _containers = null!;

    /// <summary>For mocking.</summary>
    protected OffchainRecordStore()
    {
    }

    /// <summary>Creates the store; the options are validated here.</summary>
    /// <param name="blobs">Blob storage (e.g. an <see cref="AzureBlobRestClient"/>).</param>
    /// <param name="options">Containers and sizes; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Logger; <see langword="null"/> for none.</param>
    /// <param name="time">Clock for key and erasure timestamps; <see langword="null"/> for the system clock.</param>
    public OffchainRecordStore(IBlobStore blobs, OffchainStoreOptions? options = null, ILogger<OffchainRecordStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        options ??= new OffchainStoreOptions();
        options.Validate();
        _blobs = blobs;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _containers = new Lazy<Task>(CreateContainersAsync);
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
            await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
            // Fail fast before streaming; the conditional commit below still settles races.
            if (await ExistsAsync(_options.RecordsContainer, recordId, cancellationToken).ConfigureAwait(false))
            {
                OffchainStoreLog.RecordAlreadyExists(_logger, recordId);
                throw new RecordAlreadyExistsException(recordId);
            }

            using var dataKey = DataKey.Generate();
            var encryption = new RecordEncryptionOptions { SegmentSize = _options.SegmentSize, ComputePlaintextSha256 = _options.ComputePlaintextSha256 };
            using var ciphertext = new EncryptingStream(plaintext, dataKey, recordId, encryption, leaveOpen: true);
            var upload = new BlobUploadOptions { IfNoneMatchStar = true, BlockSize = _options.UploadBlockSize };
            upload.Metadata["mcformat"] = "MCE1";
            upload.Metadata["datakeyid"] = dataKey.Id;
            upload.Metadata["segmentsize"] = _options.SegmentSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await _blobs.UploadAsync(_options.RecordsContainer, recordId, ciphertext, upload, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 &&
                e.ErrorCode is BlobErrorCodes.BlobAlreadyExists or BlobErrorCodes.ConditionNotMet)
            {
                OffchainStoreLog.RecordAlreadyExists(_logger, recordId);
                throw new RecordAlreadyExistsException(recordId, e);
            }

            foreach (var recipient in recipients)
            {
                await PutWrappedKeyAsync(KeyWrap.Wrap(dataKey, recordId, recipient, _time), cancellationToken).ConfigureAwait(false);
            }

            var record = new StoredRecord
            {
                RecordId = recordId,
                BlobReference = _blobs.GetBlobUri(_options.RecordsContainer, recordId),
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
            var ciphertext = await _blobs.DownloadAsync(_options.RecordsContainer, recordId, null, cancellationToken).ConfigureAwait(false);
            OffchainStoreLog.RecordOpened(_logger, recordId, reader.KeyId);
            // AesGcm copies the key, so the data key can be zeroed as soon as the stream exists.
            return new DecryptingStream(ciphertext, dataKey, recordId, new RecordDecryptionOptions
            {
                MaxSegmentSize = RecordHeader.MaxSegmentSize,
                ExpectedCiphertextSha256 = expected,
            });
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
        await foreach (var item in _blobs.ListAsync(_options.KeysContainer, recordId + "/", cancellationToken).ConfigureAwait(false))
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
            using var dataKey = await UnwrapAsync(recordId, custodian, cancellationToken).ConfigureAwait(false);
            try
            {
                await PutWrappedKeyAsync(KeyWrap.Wrap(dataKey, recordId, recipient, _time), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode is BlobErrorCodes.BlobAlreadyExists or BlobErrorCodes.ConditionNotMet)
            {
                return false;
            }

            // An erasure that ran meanwhile must win: take the new key back.
            if (await TryReadTombstoneAsync(recordId, cancellationToken).ConfigureAwait(false) is { } proof)
            {
                await _blobs.DeleteAsync(_options.KeysContainer, KeyBlobName(recordId, recipient.KeyId), cancellationToken).ConfigureAwait(false);
                throw new RecordErasedException(recordId, proof.ErasedAt);
            }

            OffchainStoreLog.KeyGranted(_logger, recordId, recipient.KeyId);
            return true;
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
            var keys = await ListKeyBlobsAsync(recordId, cancellationToken).ConfigureAwait(false);
            var existing = await TryReadTombstoneAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (keys.Count == 0 && existing is not null)
            {
                return existing;
            }

            if (keys.Count == 0 && !await ExistsAsync(_options.RecordsContainer, recordId, cancellationToken).ConfigureAwait(false))
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
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>Whether the record was erased (has a tombstone).</summary>
    public virtual async Task<bool> IsErasedAsync(string recordId, CancellationToken cancellationToken = default)
    {
        RecordIds.Validate(recordId);
        return await ExistsAsync(_options.KeysContainer, TombstoneBlobName(recordId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DataKey> UnwrapAsync(string recordId, OrgKeyPair me, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await DownloadBytesAsync(_options.KeysContainer, KeyBlobName(recordId, me.KeyId), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
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
