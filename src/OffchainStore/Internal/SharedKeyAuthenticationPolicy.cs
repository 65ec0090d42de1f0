using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// Signs each attempt with the storage account key ("Authorize with Shared Key", Blob service, version
/// 2015-02-21 and later): HMAC-SHA256 over the verb, the standard headers, the canonicalized x-ms-* headers and
/// the canonicalized resource. Runs per retry so every attempt carries a fresh x-ms-date.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy(AzureNamedKeyCredential credential, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        var (account, key) = credential;
        var stringToSign = BuildStringToSign(request, account);
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("The storage account key is not base64.", e);
        }

        var signature = Convert.ToBase64String(HMACSHA256.HashData(keyBytes, Encoding.UTF8.GetBytes(stringToSign)));
        CryptographicOperations.ZeroMemory(keyBytes);
        request.Headers.SetValue("Authorization", $"SharedKey {account}:{signature}");
    }

    internal static string BuildStringToSign(Request request, string account)
    {
        var contentLength = request.Content is { } content && content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        sb.Append(Header(request, "Content-Encoding")).Append('\n');
        sb.Append(Header(request, "Content-Language")).Append('\n');
        sb.Append(contentLength).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append(string.Empty).Append('\n'); // Date: x-ms-date is used instead.
        sb.Append(Header(request, "If-Modified-Since")).Append('\n');
        sb.Append(Header(request, "If-Match")).Append('\n');
        sb.Append(Header(request, "If-None-Match")).Append('\n');
        sb.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        sb.Append(Header(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(sb, request);
        AppendCanonicalizedResource(sb, request.Uri.ToUri(), account);
        return sb.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static void AppendCanonicalizedHeaders(StringBuilder sb, Request request)
    {
        var headers = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder sb, Uri uri, string account)
    {
        sb.Append('/').Append(account).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }
}
