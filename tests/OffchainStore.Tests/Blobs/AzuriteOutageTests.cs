using Azure;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Blobs;

/// <summary>An outage mid-upload, on an Azurite of its own that the test stops and restarts.</summary>
public sealed class AzuriteOutageTests
{
    [Fact]
    public async Task Upload_AzuriteStoppedMidUpload_ClearErrorAndNoCommittedBlob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteProcess.StartAsync(ct);
        var client = Blob.Client(azurite.BlobEndpoint);
        await client.CreateContainerIfNotExistsAsync("outage", ct);
        await client.UploadAsync("outage", "before", new MemoryStream([7]), cancellationToken: ct);
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

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync("outage", "partial", source, new() { BlockSize = 1024 * 1024 }, ct));

        Assert.True(stopped);
        Assert.Equal(0, e.Status);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
        // Block 1 may still be on the wire when Azurite goes down, so either it or block 2 is the one that fails.
        Assert.Matches("put block [12]", e.Message);

        // Same port, same --location: what was committed before the outage is there, the partial upload is not.
        await azurite.RestartAsync(ct);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetPropertiesAsync("outage", "partial", ct));
        Assert.Equal(404, missing.Status);
        Assert.Equal(["before"], (await client.ListAsync("outage", cancellationToken: ct).ToListAsync(ct)).Select(b => b.Name));
    }
}
