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
public class AzureBlobRestClient : IBlobStore
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
            var buffer = new byte[options.BlockSize];
            long total = 0;
            while (true)
            {
                var filled = 0;
                while (filled < buffer.Length)
                {
                    var n = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    filled += n;
                }

                if (filled == 0)
                {
                    break;
                }

                var blockId = BlockId(uploadId, blockIds.Count);
                await PutBlockAsync(url, blockId, buffer.AsMemory(0, filled), blockIds.Count, cancellationToken).ConfigureAwait(false);
                blockIds.Add(blockId);
                total += filled;
                if (filled < buffer.Length)
                {
                    break;
                }
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

    private async Task PutBlockAsync(string url, string blockId, ReadOnlyMemory<byte> block, int index, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, $"{url}?comp=block&blockid={Uri.EscapeDataString(blockId)}");
        // Content-MD5 per block is the service's end-to-end check of each block (a protocol checksum, not security).
#pragma warning disable CA5351
        message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(block.Span)));
#pragma warning restore CA5351
        message.Request.Content = RequestContent.Create(block);
        await SendAsync(message, $"put block {index}", cancellationToken, 201).ConfigureAwait(false);
    }

    private async Task<BlobUploadResult> PutBlockListAsync(string url, List<string> blockIds, long total, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            xml.Append("<Latest>").Append(id).Append("</Latest>");
        }

        xml.Append("</BlockList>");
        using var message = CreateMessage(RequestMethod.Put, $"{url}?comp=blocklist");
        var request = message.Request;
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        if (options.IfNoneMatchStar)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        foreach (var (key, value) in options.Metadata)
        {
            request.Headers.SetValue($"x-ms-meta-{key}", value);
        }

        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml.ToString()));
        var response = await SendAsync(message, "put block list", cancellationToken, 201).ConfigureAwait(false);
        return new BlobUploadResult(response.Headers.ETag ?? default, LastModified(response), total, blockIds.Count);
    }

    private HttpMessage CreateMessage(RequestMethod method, string url)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(url));
        message.Request.Headers.SetValue("x-ms-version", _serviceVersion);
        return message;
    }

    /// <summary>Sends and turns unexpected statuses and unreachable services into clear <see cref="RequestFailedException"/>s.</summary>
    private async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, params int[] expected)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException { Status: 0 }))
        {
            throw Unreachable(operation, e.InnerExceptions.Count, e.InnerExceptions[^1], e);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            throw Unreachable(operation, 1, e, e);
        }

        var response = message.Response;
        if (!expected.Contains(response.Status))
        {
            if (response.ContentStream is { } body and not MemoryStream)
            {
                // Error bodies are small: buffer them so the exception can show the service's message.
                var buffered = new MemoryStream();
                await body.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
                buffered.Position = 0;
                response.ContentStream = buffered;
            }

            throw new RequestFailedException(response, null, new BlobErrorDetailsParser());
        }

        return response;
    }

    private RequestFailedException Unreachable(string operation, int attempts, Exception last, Exception inner) =>
        new(0, $"Blob storage at {_endpoint} could not be reached ({operation}, {attempts} attempt(s)): {last.Message.Split('\n')[0]}", null, inner);

    private static DateTimeOffset? LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) &&
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private static string BlockId(byte[] uploadId, int index)
    {
        Span<byte> id = stackalloc byte[16];
        uploadId.CopyTo(id);
        BinaryPrimitives.WriteInt64BigEndian(id[8..], index);
        return Convert.ToBase64String(id);
    }

    private string ContainerUrl(string container)
    {
        ValidateContainerName(container);
        return $"{_endpoint}/{container}";
    }

    private string BlobUrl(string container, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 1024 || name.EndsWith('/') || name.StartsWith('/'))
        {
            throw new ArgumentException($"'{name}' is not a valid blob name.", nameof(name));
        }

        return $"{ContainerUrl(container)}/{string.Join('/', name.Split('/').Select(Uri.EscapeDataString))}";
    }

    internal static void ValidateContainerName(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.Length is < 3 or > 63 || !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            !char.IsAsciiLetterOrDigit(container[0]) || container.EndsWith('-') || container.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{container}' is not a valid container name (3-63 lower-case letters, digits and single hyphens).", nameof(container));
        }
    }

    private static T Require<T>(T credential)
        where T : class => credential ?? throw new ArgumentNullException(nameof(credential));
}
