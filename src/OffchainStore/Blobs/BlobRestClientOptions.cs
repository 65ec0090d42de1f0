using Azure.Core;

namespace MedChain.OffchainStore.Blobs;

/// <summary>Options of <see cref="AzureBlobRestClient"/>: Azure.Core's retry, diagnostics and transport, plus the REST version.</summary>
public sealed class BlobRestClientOptions : ClientOptions
{
    /// <summary>Default x-ms-version: 2021-12-02 (supported by Azure and by Azurite 3.35).</summary>
    public const string DefaultServiceVersion = "2021-12-02";

    /// <summary>
    /// Creates options with the Azure SDK's usual retry policy: exponential, 3 retries from 0.8 s, at most 1 min,
    /// and a 100 s network timeout (all in <see cref="ClientOptions.Retry"/>).
    /// </summary>
    public BlobRestClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromMinutes(1);
    }

    /// <summary>The x-ms-version sent with every request. Default <see cref="DefaultServiceVersion"/>.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    internal void Validate()
    {
        if (ServiceVersion is null || !DateOnly.TryParseExact(ServiceVersion, "yyyy-MM-dd", out _))
        {
            throw new ArgumentException($"ServiceVersion '{ServiceVersion}' is not a yyyy-MM-dd REST version.", nameof(ServiceVersion));
        }

        if (Retry.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Retry), Retry.MaxRetries, "Retry.MaxRetries must not be negative.");
        }
    }
}
