using System.Security.Cryptography;
using Azure.Storage.Blobs;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests;

/// <summary>The store facade against Azurite: round trips, write-once, hashes, tampering.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OffchainRecordStoreTests : IDisposable
{
    private readonly OffchainRecordStore _store;
    private readonly BlobServiceClient _blobs;
    private readonly OffchainStoreOptions _options;
    private readonly OrgKeyPair _custodian = OrgKeyPair.Generate();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public OffchainRecordStoreTests(AzuriteFixture azurite) => (_store, _blobs, _options) = StoreFactory.Create(azurite.BlobEndpoint);

    public void Dispose() => _custodian.Dispose();

    [Theory]
    [InlineData(0)]                  // empty: one empty final segment
    [InlineData(1)]
    [InlineData(1000)]               // inside one segment
    [InlineData(65536)]              // exactly one segment
    [InlineData((65536 * 3) + 5)]    // several segments
    [InlineData(65536 * 4)]          // an exact multiple of the segment size
    public async Task PutThenOpenRead_PayloadSize_RoundTripsWithAnchoredHashes(int size)
    {
        var plaintext = DeterministicStream.Bytes(size, (ulong)size + 1);

        var stored = await _store.PutAsync("rec-" + size, new MemoryStream(plaintext), [_custodian.PublicKey], _ct);
        var decrypted = await Blob.ReadAllAsync(await _store.OpenReadAsync("rec-" + size, _custodian, stored.CiphertextSha256, _ct), _ct);
        var rawCiphertext = await Blob.DownloadAsync(_blobs, _options.RecordsContainer, "rec-" + size, _ct);

        Assert.Equal(plaintext, decrypted);
        Assert.Equal(Crypt.Sha256(rawCiphertext), stored.CiphertextSha256);
        Assert.Equal(rawCiphertext.Length, stored.CiphertextLength);
        Assert.Equal(Crypt.Sha256(plaintext), stored.PlaintextSha256);
        Assert.Equal(size, stored.PlaintextLength);
        Assert.Equal([_custodian.KeyId], stored.RecipientKeyIds);
        Assert.Equal(_blobs.GetBlobContainerClient(_options.RecordsContainer).GetBlobClient("rec-" + size).Uri, stored.BlobReference);
        Assert.Equal("MCE1", stored.Format);
    }

    /// <summary>
    /// 256 MiB generated on the fly (never held in memory) goes up and comes back, compared by hash, and the upload
    /// holds a few blocks at a time, not the record. The memory bound of the crypto streams alone is asserted
    /// in-memory by SegmentedEncryptionTests.
    /// </summary>
    [Fact]
    public async Task PutThenOpenRead_256MiBStream_RoundTripsByHash()
    {
        const long size = 256L * 1024 * 1024;
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 20];
        using (var generator = new DeterministicStream(size, 7))
        {
            int n;
            while ((n = generator.Read(chunk)) > 0)
            {
                expected.AppendData(chunk, 0, n);
            }
        }

        var expectedHash = Convert.ToHexStringLower(expected.GetHashAndReset());

        StoredRecord stored;
        long peak;
        await using (var memory = new PeakMemory(TimeSpan.FromMilliseconds(100)))
        {
            stored = await _store.PutAsync("big", new DeterministicStream(size, 7), [_custodian.PublicKey], _ct);
            peak = memory.PeakAboveBaseline;
        }

        using var actual = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long read = 0;
        await using (var plaintext = await _store.OpenReadAsync("big", _custodian, stored.CiphertextSha256, _ct))
        {
            int n;
            while ((n = await plaintext.ReadAsync(chunk, _ct)) > 0)
            {
                actual.AppendData(chunk, 0, n);
                read += n;
            }
        }

        Assert.Equal(expectedHash, stored.PlaintextSha256);
        Assert.Equal(size, read);
        Assert.Equal(expectedHash, Convert.ToHexStringLower(actual.GetHashAndReset()));
        Assert.Equal(size + 57 + (4096 * 16), stored.CiphertextLength);
        // About UploadConcurrency (2) blocks of UploadBlockSize (4 MiB) are held at once, never the record;
        // the bound leaves room for the SDK's pooled buffers and whatever tests run alongside.
        Assert.True(peak < 64L * 1024 * 1024, $"Upload held {peak / (1024 * 1024)} MiB at once: it must stream, not buffer the record.");
    }

    [Fact]
    public async Task PutAsync_SameRecordIdRetried_RefusedAndFirstContentKept()
    {
        await _store.PutAsync("once", new MemoryStream([1, 2, 3]), [_custodian.PublicKey], _ct);

        var e = await Assert.ThrowsAsync<RecordAlreadyExistsException>(() =>
            _store.PutAsync("once", new MemoryStream([9, 9]), [_custodian.PublicKey], _ct));

        Assert.Equal("once", e.RecordId);
        Assert.Equal([1, 2, 3], await Blob.ReadAllAsync(await _store.OpenReadAsync("once", _custodian, null, _ct), _ct));
    }

    /// <summary>
    /// Another writer creates the blob after the store's existence check, while the store streams: the write-once
    /// condition on the commit (Put Blob for one block, Put Block List after staging) must refuse the store's copy.
    /// </summary>
    [Theory]
    [InlineData(1000)]               // one request: Put Blob with If-None-Match: *
    [InlineData(5 * 1024 * 1024)]    // staged blocks: Put Block List with If-None-Match: *
    public async Task PutAsync_BlobCreatedWhileStreaming_CommitRefusedAndOtherContentKept(int size)
    {
        var recordId = "late-" + size;
        var blob = _blobs.GetBlobContainerClient(_options.RecordsContainer).GetBlobClient(recordId);
        var created = false;
        var source = new DeterministicStream(size)
        {
            AfterReadAsync = async _ =>
            {
                if (!created)
                {
                    created = true;
                    await blob.UploadAsync(new BinaryData(new byte[] { 42 }), _ct);
                }
            },
        };

        var e = await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => _store.PutAsync(recordId, source, [_custodian.PublicKey], _ct));

        Assert.True(created);
        Assert.Equal(recordId, e.RecordId);
        Assert.IsType<Azure.RequestFailedException>(e.InnerException);
        Assert.Equal([42], await Blob.DownloadAsync(_blobs, _options.RecordsContainer, recordId, _ct));
        Assert.Empty(await Blob.ListAsync(_blobs, _options.KeysContainer, recordId + "/", _ct));
    }

    [Fact]
    public async Task PutAsync_ConcurrentSameRecordId_ExactlyOneWins()
    {
        var first = _store.PutAsync("race", new DeterministicStream(300_000, 1), [_custodian.PublicKey], _ct);
        var second = _store.PutAsync("race", new DeterministicStream(300_000, 2), [_custodian.PublicKey], _ct);

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        var winner = Assert.Single(outcomes, o => o.Stored is not null).Stored!;
        Assert.IsType<RecordAlreadyExistsException>(Assert.Single(outcomes, o => o.Error is not null).Error);
        var content = await Blob.ReadAllAsync(await _store.OpenReadAsync("race", _custodian, null, _ct), _ct);
        Assert.Equal(winner.PlaintextSha256, Crypt.Sha256(content));

        static async Task<(StoredRecord? Stored, Exception? Error)> Outcome(Task<StoredRecord> put)
        {
            try
            {
                return (await put, null);
            }
            catch (RecordAlreadyExistsException e)
            {
                return (null, e);
            }
        }
    }

    [Fact]
    public async Task OpenReadAsync_CiphertextByteFlippedInStorage_FailsWithIntegrityError()
    {
        await _store.PutAsync("flip", new DeterministicStream(200_000, 3), [_custodian.PublicKey], _ct);
        var ciphertext = await Blob.DownloadAsync(_blobs, _options.RecordsContainer, "flip", _ct);
        ciphertext[100_000] ^= 0x04;
        await Blob.OverwriteAsync(_blobs, _options.RecordsContainer, "flip", ciphertext, _ct);

        var e = await Assert.ThrowsAsync<RecordIntegrityException>(async () =>
            await Blob.ReadAllAsync(await _store.OpenReadAsync("flip", _custodian, null, _ct), _ct));

        Assert.Equal(RecordIntegrityError.SegmentAuthenticationFailed, e.Error);
        Assert.Equal(1, e.SegmentIndex);
    }

    [Fact]
    public async Task OpenReadAsync_CiphertextOfOtherRecordSwappedIn_FailsWithRecordIdMismatch()
    {
        await _store.PutAsync("rec-a", new MemoryStream([1]), [_custodian.PublicKey], _ct);
        await _store.PutAsync("rec-b", new MemoryStream([2]), [_custodian.PublicKey], _ct);
        var a = await Blob.DownloadAsync(_blobs, _options.RecordsContainer, "rec-a", _ct);
        await Blob.OverwriteAsync(_blobs, _options.RecordsContainer, "rec-b", a, _ct);

        var e = await Assert.ThrowsAsync<RecordIntegrityException>(async () =>
            await Blob.ReadAllAsync(await _store.OpenReadAsync("rec-b", _custodian, null, _ct), _ct));

        Assert.Equal(RecordIntegrityError.RecordIdMismatch, e.Error);
    }

    [Fact]
    public async Task OpenReadAsync_AnchoredHashDiffers_FailsWithAnchorMismatch()
    {
        await _store.PutAsync("anchored", new MemoryStream([1, 2]), [_custodian.PublicKey], _ct);

        var e = await Assert.ThrowsAsync<RecordIntegrityException>(async () =>
            await Blob.ReadAllAsync(await _store.OpenReadAsync("anchored", _custodian, new string('0', 64), _ct), _ct));

        Assert.Equal(RecordIntegrityError.AnchorMismatch, e.Error);
    }

    [Fact]
    public async Task OpenReadAsync_WrappedKeyTampered_ThrowsCryptographicException()
    {
        await _store.PutAsync("wrapped", new MemoryStream([1]), [_custodian.PublicKey], _ct);
        var name = $"wrapped/{_custodian.KeyId}.json";
        var json = await Blob.DownloadAsync(_blobs, _options.KeysContainer, name, _ct);
        var wrapped = WrappedDataKey.FromJson(json);
        var ciphertext = Convert.FromBase64String(wrapped.Ciphertext);
        ciphertext[0] ^= 1;
        var tampered = wrapped with { Ciphertext = Convert.ToBase64String(ciphertext) };
        await Blob.OverwriteAsync(_blobs, _options.KeysContainer, name, tampered.ToJson(), _ct);

        var e = await Assert.ThrowsAsync<CryptographicException>(() => _store.OpenReadAsync("wrapped", _custodian, null, _ct));

        Assert.Contains("failed to unwrap", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_UnknownRecord_ThrowsRecordNotFound()
    {
        await _store.PutAsync("exists", new MemoryStream([1]), [_custodian.PublicKey], _ct);

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _store.OpenReadAsync("missing", _custodian, null, _ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("spaces are bad")]
    [InlineData("rec-1\n")]
    [InlineData("rec:1")]
    public async Task PutAsync_InvalidRecordId_ThrowsArgumentExceptionAndStoresNothing(string recordId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.PutAsync(recordId, new MemoryStream([1]), [_custodian.PublicKey], _ct));

        Assert.False((await _blobs.GetBlobContainerClient(_options.RecordsContainer).ExistsAsync(_ct)).Value);
    }

    [Fact]
    public async Task PutAsync_NoRecipients_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("r", new MemoryStream([1]), [], _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("r", new MemoryStream([1]), [_custodian.PublicKey, _custodian.PublicKey], _ct));
    }

    [Fact]
    public void Constructor_SameContainerForKeysAndRecords_ThrowsArgumentException()
    {
        var options = new OffchainStoreOptions { RecordsContainer = "same", KeysContainer = "same" };

        Assert.Throws<ArgumentException>(() => new OffchainRecordStore(_blobs, options));
    }

    [Fact]
    public void Constructor_SegmentSizeTooSmall_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OffchainRecordStore(_blobs, new OffchainStoreOptions { SegmentSize = 100 }));
    }
}
