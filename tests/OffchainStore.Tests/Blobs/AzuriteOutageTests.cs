using Azure;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Blobs;

/// <summary>An outage mid-upload, on an Azurite of its own that the test stops and restarts.</summary>
public sealed class AzuriteOutageTests
{
    [Fact]
    public async Task PutAsync_AzuriteStoppedMidUpload_ClearErrorAndNoRecordVisible()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteProcess.StartAsync(ct);
        using var custodian = OrgKeyPair.Generate();
        var blobs = Blob.Client(azurite.BlobEndpoint);
        var options = new OffchainStoreOptions { UploadBlockSize = 1024 * 1024 };
        var store = new OffchainRecordStore(blobs, options);
        await store.PutAsync("before", new MemoryStream([7]), [custodian.PublicKey], ct);
        // The source stops Azurite while the third 1 MiB block is being read: a later Put Block finds nobody listening.
        var stopped = false;
        var source = new DeterministicStream(3 * 1024 * 1024)
        {
            AfterReadAsync = async position =>
            {
                if (!stopped && position > 2 * 1024 * 1024)
                {
                    stopped = true;
                    await azurite.StopAsync(graceful: true);
                }
            },
        };

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => store.PutAsync("partial", source, [custodian.PublicKey], ct));

        Assert.True(stopped);
        Assert.Equal(0, e.Status);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("upload of record 'partial'", e.Message, StringComparison.Ordinal);

        // Same port, same --location: what was committed before the outage is there, the partial upload is not.
        await azurite.RestartAsync(ct);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => store.OpenReadAsync("partial", custodian, null, ct));
        Assert.Equal(["before"], await Blob.ListAsync(blobs, options.RecordsContainer, null, ct));
        Assert.Equal([$"before/{custodian.KeyId}.json"], await Blob.ListAsync(blobs, options.KeysContainer, null, ct));
        Assert.Equal([7], await Blob.ReadAllAsync(await store.OpenReadAsync("before", custodian, null, ct), ct));
    }
}
