using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using MedChain.OffchainStore.Internal;

namespace MedChain.OffchainStore.Blobs;

/// <summary>The REST requests behind the public operations, and error mapping.</summary>
public partial class AzureBlobRestClient
{
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
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

        return filled;
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
