using Azure;
using MedChain.OffchainStore.Blobs;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Infrastructure;

internal static class Blob
{
    public static AzureBlobRestClient Client(Uri endpoint, BlobRestClientOptions? options = null) =>
        new(endpoint, new AzureNamedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey), options ?? FastRetries());

    /// <summary>Few, short retries: an unreachable Azurite should fail a test quickly.</summary>
    public static BlobRestClientOptions FastRetries()
    {
        var options = new BlobRestClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    public static string NewContainer() => "c" + Guid.NewGuid().ToString("N")[..20];

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
