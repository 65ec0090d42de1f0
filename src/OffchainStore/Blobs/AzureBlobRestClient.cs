using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedChain.OffchainStore.Internal;

namespace MedChain.OffchainStore.Blobs;

/// <summary>
/// An <see cref="IBlobStore"/> over the Azure Blob Storage REST API, built on Azure.Core's
/// <see cref="HttpPipeline"/> (retries, timeouts, logging, distributed tracing). Authenticates with the account
/// key (Shared Key, as Azurite and storage accounts accept) or a Microsoft Entra ID <see cref="TokenCredential"/>.
/// Immutable and thread-safe: one instance per account.
/// </summary>
public partial class AzureBlobRestClient : IBlobStore
{
    private const string _storageScope = "https://storage.azure.com/.default";
    private readonly HttpPipeline _pipeline = null!;
    private readonly string _endpoint = null!;
    private readonly string _serviceVersion = null!;

    /// <summary>For mocking.</summary>
    protected AzureBlobRestClient()
    {
    }

    /// <summary>Creates a client authenticating with the account name and key (Shared Key).</summary>
    /// <param name="serviceUri">The Blob endpoint, e.g. https://account.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</param>
    /// <param name="credential">Account name and base64 key.</param>
    /// <param name="options">Pipeline options; <see langword="null"/> for the defaults.</param>
    public AzureBlobRestClient(Uri serviceUri, AzureNamedKeyCredential credential, BlobRestClientOptions? options = null)
        : this(serviceUri, options, new SharedKeyAuthenticationPolicy(Require(credential), TimeProvider.System))
    {
    }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (scope https://storage.azure.com/.default).</summary>
    /// <param name="serviceUri">The Blob endpoint (https).</param>
    /// <param name="credential">E.g. a DefaultAzureCredential or a managed identity credential.</param>
    /// <param name="options">Pipeline options; <see langword="null"/> for the defaults.</param>
    public AzureBlobRestClient(Uri serviceUri, TokenCredential credential, BlobRestClientOptions? options = null)
        : this(serviceUri, options, new BearerTokenAuthenticationPolicy(Require(credential), _storageScope))
    {
    }

    private AzureBlobRestClient(Uri serviceUri, BlobRestClientOptions? options, HttpPipelinePolicy authentication)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp) ||
            !string.IsNullOrEmpty(serviceUri.Query))
        {
            throw new ArgumentException($"'{serviceUri}' is not an http(s) Blob endpoint without a query.", nameof(serviceUri));
        }

        options ??= new BlobRestClientOptions();
        options.Validate();
        _serviceVersion = options.ServiceVersion;
        _endpoint = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        ServiceUri = new Uri(_endpoint);
        _pipeline = HttpPipelineBuilder.Build(new HttpPipelineOptions(options)
        {
            PerRetryPolicies = { authentication },
            RequestFailedDetailsParser = new BlobErrorDetailsParser(),
        });
    }

    /// <summary>The Blob endpoint.</summary>
    public virtual Uri ServiceUri { get; } = null!;

    public virtual Uri GetBlobUri(string container, string name) => new(BlobUrl(container, name));

    public virtual async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.CreateContainerIfNotExists", container);
        try
        {
            using var message = CreateMessage(RequestMethod.Put, $"{ContainerUrl(container)}?restype=container");
            await SendAsync(message, "create container", cancellationToken, 201).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCodes.ContainerAlreadyExists)
        {
            return false;
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>Deletes a container and everything in it; <see langword="false"/> if there was none.</summary>
    public virtual async Task<bool> DeleteContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.DeleteContainer", container);
        try
        {
            using var message = CreateMessage(RequestMethod.Delete, $"{ContainerUrl(container)}?restype=container");
            await SendAsync(message, "delete container", cancellationToken, 202).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCodes.ContainerNotFound)
        {
            return false;
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    public virtual async Task<BlobUploadResult> UploadAsync(string container, string name, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        options.Validate();
        var url = BlobUrl(container, name);
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.Upload", container, name);
        try
        {
            // A random prefix keeps the block ids of two concurrent attempts at the same blob apart.
            var uploadId = RandomNumberGenerator.GetBytes(8);
            var blockIds = new List<string>();
            // Two buffers: the next block is read (e.g. encrypted) while the previous one is on the wire.
            byte[][] buffers = [new byte[options.BlockSize], new byte[options.BlockSize]];
            Task? pending = null;
            long total = 0;
            for (var current = 0; ; current ^= 1)
            {
                var buffer = buffers[current];
                int filled;
                try
                {
                    filled = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
                }
                catch when (pending is not null)
                {
                    // Observe the in-flight block so its failure isn't left unobserved; the read error wins.
                    await Task.WhenAny(pending).ConfigureAwait(false);
                    _ = pending.Exception;
                    throw;
                }

                if (pending is not null)
                {
                    await pending.ConfigureAwait(false);
                    pending = null;
                }

                if (filled == 0)
                {
                    break;
                }

                var blockId = BlockId(uploadId, blockIds.Count);
                pending = PutBlockAsync(url, blockId, buffer.AsMemory(0, filled), blockIds.Count, cancellationToken);
                blockIds.Add(blockId);
                total += filled;
                if (filled < buffer.Length)
                {
                    break;
                }
            }

            if (pending is not null)
            {
                await pending.ConfigureAwait(false);
            }

            return await PutBlockListAsync(url, blockIds, total, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    public virtual async Task<Stream> DownloadAsync(string container, string name, HttpRange? range = null, CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.Download", container, name);
        try
        {
            using var message = CreateMessage(RequestMethod.Get, BlobUrl(container, name));
            if (range is { } r)
            {
                var end = r.Length is { } length ? (r.Offset + length - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
                message.Request.Headers.SetValue("x-ms-range", $"bytes={r.Offset.ToString(CultureInfo.InvariantCulture)}-{end}");
            }

            // Stream the body instead of buffering it: records can be hundreds of MB.
            message.BufferResponse = false;
            await SendAsync(message, "download", cancellationToken, 200, 206).ConfigureAwait(false);
            return message.ExtractResponseContent() ?? Stream.Null;
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    public virtual async Task<BlobProperties> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.GetProperties", container, name);
        try
        {
            using var message = CreateMessage(RequestMethod.Head, BlobUrl(container, name));
            var response = await SendAsync(message, "get properties", cancellationToken, 200).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                {
                    metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
                }
            }

            response.Headers.TryGetValue("Content-Type", out var contentType);
            return new BlobProperties(response.Headers.ContentLength ?? 0, response.Headers.ETag ?? default, LastModified(response), contentType, metadata);
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    public virtual async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.Delete", container, name);
        try
        {
            using var message = CreateMessage(RequestMethod.Delete, BlobUrl(container, name));
            await SendAsync(message, "delete", cancellationToken, 202).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCodes.BlobNotFound)
        {
            return false;
        }
        catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
        {
            throw;
        }
    }

    public virtual async IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = OffchainDiagnostics.Start("AzureBlobRestClient.List", container);
        string? marker = null;
        do
        {
            var url = new StringBuilder($"{ContainerUrl(container)}?restype=container&comp=list");
            if (!string.IsNullOrEmpty(prefix))
            {
                url.Append("&prefix=").Append(Uri.EscapeDataString(prefix));
            }

            if (marker is not null)
            {
                url.Append("&marker=").Append(Uri.EscapeDataString(marker));
            }

            List<BlobItem> items;
            try
            {
                using var message = CreateMessage(RequestMethod.Get, url.ToString());
                var response = await SendAsync(message, "list", cancellationToken, 200).ConfigureAwait(false);
                (items, marker) = BlobListing.Parse(response.ContentStream ?? Stream.Null);
            }
            catch (Exception e) when (OffchainDiagnostics.Fail(activity, e))
            {
                throw;
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }
        while (marker is not null);
    }
}
