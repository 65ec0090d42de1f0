using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Infrastructure;

internal static class Blob
{
    /// <summary>The Azurite account with its Shared Key, as a host configures it.</summary>
    public static BlobServiceClient Client(Uri endpoint, BlobClientOptions? options = null) =>
        new(endpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey), options ?? FastRetries());

    /// <summary>Few, short retries: an unreachable Azurite should fail a test quickly.</summary>
    public static BlobClientOptions FastRetries()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    public static string NewContainer() => "c" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A blob's raw bytes, read directly (bypassing the store).</summary>
    public static async Task<byte[]> DownloadAsync(BlobServiceClient service, string container, string name, CancellationToken cancellationToken)
    {
        var content = await service.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToArray();
    }

    /// <summary>Replaces a blob's bytes directly, as an attacker with storage access could.</summary>
    public static Task OverwriteAsync(BlobServiceClient service, string container, string name, byte[] content, CancellationToken cancellationToken) =>
        service.GetBlobContainerClient(container).GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);

    /// <summary>The names of the blobs under <paramref name="prefix"/>, in order.</summary>
    public static async Task<List<string>> ListAsync(BlobServiceClient service, string container, string? prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in service.GetBlobContainerClient(container).GetBlobsAsync(new() { Prefix = prefix }, cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
    }
}
