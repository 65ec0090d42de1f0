using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests;

/// <summary>Granting access to other organizations and crypto-shredding, against Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AccessAndErasureTests : IDisposable
{
    private readonly OffchainRecordStore _store;
    private readonly BlobServiceClient _blobs;
    private readonly OffchainStoreOptions _options;
    private readonly OrgKeyPair _hospital = OrgKeyPair.Generate();
    private readonly OrgKeyPair _pharmacy = OrgKeyPair.Generate();
    private readonly OrgKeyPair _regulator = OrgKeyPair.Generate();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public AccessAndErasureTests(AzuriteFixture azurite) => (_store, _blobs, _options) = StoreFactory.Create(azurite.BlobEndpoint);

    public void Dispose()
    {
        _hospital.Dispose();
        _pharmacy.Dispose();
        _regulator.Dispose();
    }

    [Fact]
    public async Task OpenReadAsync_SecondOrgBeforeAndAfterGrant_DecryptsOnlyAfter()
    {
        var plaintext = DeterministicStream.Bytes(150_000);
        await _store.PutAsync("lab-1", new MemoryStream(plaintext), [_hospital.PublicKey], _ct);

        var denied = await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => _store.OpenReadAsync("lab-1", _pharmacy, null, _ct));
        Assert.Equal(_pharmacy.KeyId, denied.KeyId);

        Assert.True(await _store.GrantAsync("lab-1", _hospital, _pharmacy.PublicKey, _ct));
        Assert.False(await _store.GrantAsync("lab-1", _hospital, _pharmacy.PublicKey, _ct));

        Assert.Equal(plaintext, await Blob.ReadAllAsync(await _store.OpenReadAsync("lab-1", _pharmacy, null, _ct), _ct));
        await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => _store.OpenReadAsync("lab-1", _regulator, null, _ct));
    }

    [Fact]
    public async Task GrantAsync_ByOrgWithoutAccess_ThrowsRecordKeyNotFound()
    {
        await _store.PutAsync("lab-2", new MemoryStream([1]), [_hospital.PublicKey], _ct);

        await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => _store.GrantAsync("lab-2", _pharmacy, _regulator.PublicKey, _ct));
        await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => _store.OpenReadAsync("lab-2", _regulator, null, _ct));
    }

    [Fact]
    public async Task OpenReadAsync_WithKeyRing_UsesTheGrantedKey()
    {
        await _store.PutAsync("lab-3", new MemoryStream([4, 5]), [_hospital.PublicKey, _pharmacy.PublicKey], _ct);

        var content = await Blob.ReadAllAsync(await _store.OpenReadAsync("lab-3", new KeyRing(_regulator, _pharmacy), _ct), _ct);

        Assert.Equal([4, 5], content);
        await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => _store.OpenReadAsync("lab-3", new KeyRing(_regulator), _ct));
    }

    [Fact]
    public async Task EraseAsync_RecordWithTwoRecipients_DestroysAllKeysAndNobodyCanDecrypt()
    {
        await _store.PutAsync("note-1", new MemoryStream([1, 2, 3]), [_hospital.PublicKey, _pharmacy.PublicKey], _ct);
        var keyHashes = new Dictionary<string, string>();
        foreach (var key in new[] { _hospital, _pharmacy })
        {
            var json = await Blob.DownloadAsync(_blobs, _options.KeysContainer, $"note-1/{key.KeyId}.json", _ct);
            keyHashes[key.KeyId] = Convert.ToHexStringLower(SHA256.HashData(json));
        }

        var proof = await _store.EraseAsync("note-1", _ct);

        Assert.Equal("note-1", proof.RecordId);
        Assert.Equal(0, proof.RemainingKeyBlobs);
        Assert.Equal(keyHashes.OrderBy(k => k.Key), proof.DestroyedKeys.Select(k => KeyValuePair.Create(k.RecipientKeyId, k.WrappedKeySha256)).OrderBy(k => k.Key));
        Assert.Equal(["note-1/erased.json"], await Blob.ListAsync(_blobs, _options.KeysContainer, "note-1/", _ct));
        Assert.True(await _store.IsErasedAsync("note-1", _ct));
        var tombstone = await Blob.DownloadAsync(_blobs, _options.KeysContainer, "note-1/erased.json", _ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tombstone)), proof.TombstoneSha256);

        foreach (var key in new[] { _hospital, _pharmacy })
        {
            var e = await Assert.ThrowsAsync<RecordErasedException>(() => _store.OpenReadAsync("note-1", key, null, _ct));
            Assert.Equal(proof.ErasedAt, e.ErasedAt);
        }

        await Assert.ThrowsAsync<RecordErasedException>(() => _store.GrantAsync("note-1", _hospital, _regulator.PublicKey, _ct));
    }

    [Fact]
    public async Task EraseAsync_KeyBlobHasSnapshot_SnapshotDestroyedToo()
    {
        await _store.PutAsync("note-4", new MemoryStream([1]), [_hospital.PublicKey], _ct);
        var keys = _blobs.GetBlobContainerClient(_options.KeysContainer);
        await keys.GetBlobClient($"note-4/{_hospital.KeyId}.json").CreateSnapshotAsync(cancellationToken: _ct);

        var proof = await _store.EraseAsync("note-4", _ct);

        Assert.Equal([_hospital.KeyId], proof.DestroyedKeys.Select(k => k.RecipientKeyId));
        var left = new List<string>();
        await foreach (var item in keys.GetBlobsAsync(new() { Prefix = "note-4/", States = BlobStates.Snapshots }, _ct))
        {
            left.Add(item.Snapshot is null ? item.Name : $"{item.Name}@{item.Snapshot}");
        }

        Assert.Equal(["note-4/erased.json"], left);
    }

    [Fact]
    public async Task EraseAsync_Twice_ReturnsTheFirstProof()
    {
        await _store.PutAsync("note-2", new MemoryStream([1]), [_hospital.PublicKey], _ct);

        var first = await _store.EraseAsync("note-2", _ct);
        var second = await _store.EraseAsync("note-2", _ct);

        Assert.Equal(first.ErasedAt, second.ErasedAt);
        Assert.Equal(first.DestroyedKeys, second.DestroyedKeys);
        Assert.Equal(first.TombstoneSha256, second.TombstoneSha256);
    }

    [Fact]
    public async Task EraseAsync_UnknownRecord_ThrowsRecordNotFound()
    {
        await _store.PutAsync("note-3", new MemoryStream([1]), [_hospital.PublicKey], _ct);

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _store.EraseAsync("never-stored", _ct));
        Assert.False(await _store.IsErasedAsync("note-3", _ct));
    }
}
