using System.Globalization;
using System.Net.Http.Headers;

namespace MedChain.Grpc.Internal.Client;

/// <summary>gRPC's request headers, and status and metadata from response headers and trailers.</summary>
internal static class ClientHeaders
{
    /// <summary>Adds gRPC's request headers, the deadline and the caller's metadata.</summary>
    public static void AddRequestHeaders(HttpRequestMessage request, Uri address, string? serverNameOverride, CallOptions callOptions)
    {
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, "trailers");
        headers.TryAddWithoutValidation("user-agent", "medchain-grpc/1.0");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        if (serverNameOverride is { } serverName)
        {
            // SocketsHttpHandler takes SNI and the certificate name check from the Host header (:authority).
            headers.Host = address.IsDefaultPort ? serverName : $"{serverName}:{address.Port.ToString(CultureInfo.InvariantCulture)}";
        }

        if (callOptions.Deadline is { } deadline && RemainingUntil(deadline) is { } remaining)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.EncodeTimeout(remaining));
        }

        if (callOptions.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!MetadataConverter.IsReserved(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, MetadataConverter.ToHeaderValue(entry));
                }
            }
        }
    }

    /// <summary>Time left until <paramref name="deadline"/>; null when there is effectively none.</summary>
    public static TimeSpan? RemainingUntil(DateTime deadline)
    {
        var utc = deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline;
        if (utc == DateTime.MaxValue)
        {
            return null;
        }

        var remaining = utc - DateTime.UtcNow;
        // CancellationTokenSource timers stop at ~24.8 days; farther deadlines are effectively none.
        return remaining > TimeSpan.FromDays(24) ? null : remaining;
    }

    /// <summary>The status in grpc-status/grpc-message, or null when there is no grpc-status.</summary>
    public static Status? ReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return null;
        }

        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues)
            ? GrpcProtocol.DecodeMessage(messageValues.ToString())
            : string.Empty;
        return int.TryParse(statusValues.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, message)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{statusValues}'. {message}");
    }

    /// <summary>The metadata in HTTP headers or trailers (reserved headers left out).</summary>
    public static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                MetadataConverter.TryAdd(metadata, name, value);
            }
        }

        return metadata;
    }
}
