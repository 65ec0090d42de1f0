using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc.Internal.Server;

/// <summary>
/// Kestrel's request delegate: checks that a request is gRPC, routes <c>POST /{service}/{method}</c> to its
/// handler and turns every outcome, including bad input and handler exceptions, into a gRPC status.
/// </summary>
internal sealed class GrpcRequestDispatcher(FrozenDictionary<string, ServerMethodHandler> methods, GrpcServerOptions options, ILogger logger)
{
    public async Task DispatchAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            Reject(http, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.");
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(http, StatusCodes.Status405MethodNotAllowed, $"HTTP method {request.Method} is not supported; gRPC calls are POST.");
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported; gRPC needs '{GrpcProtocol.ContentType}'.");
            return;
        }

        http.Response.ContentType = GrpcProtocol.ContentType;
        if (!methods.TryGetValue(path, out var handler))
        {
            EndEarly(http, new Status(StatusCode.Unimplemented, $"Method {path} is not implemented by this server."));
            return;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != GrpcProtocol.IdentityEncoding)
        {
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            EndEarly(http, new Status(StatusCode.Unimplemented, $"Message encoding '{encoding}' is not supported; this server accepts '{GrpcProtocol.IdentityEncoding}' only."));
            return;
        }

        using var call = new HttpServerCallContext(http, options, ReadTimeout(request, path), ReadMetadata(request));
        var status = await RunAsync(handler, call, path).ConfigureAwait(false);
        if (status.StatusCode != StatusCode.OK)
        {
            GrpcLog.ServerCallEnded(logger, path, status.StatusCode, status.Detail);
        }

        try
        {
            await call.EndAsync(status).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            GrpcLog.StatusNotSent(logger, path, ex);
        }
    }

    private async Task<Status> RunAsync(ServerMethodHandler handler, HttpServerCallContext call, string path)
    {
        try
        {
            await handler.HandleAsync(call).ConfigureAwait(false);
            return call.Status;
        }
        catch (RpcException ex)
        {
            foreach (var entry in ex.Trailers)
            {
                call.ResponseTrailers.Add(entry);
            }

            return ex.Status;
        }
        catch (Exception) when (call.CancellationToken.IsCancellationRequested)
        {
            // The client went away or the deadline passed: whatever the handler threw is a consequence.
            return call.DeadlineExceeded
                ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
                : new Status(StatusCode.Cancelled, "The call was cancelled.");
        }
        catch (Exception ex)
        {
            // The exception's text stays in the server's log: it may carry internals a client must not see.
            GrpcLog.HandlerFailed(logger, path, ex);
            return new Status(StatusCode.Unknown, "Exception was thrown by handler.");
        }
    }

    private TimeSpan? ReadTimeout(HttpRequest request, string path)
    {
        var value = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (GrpcProtocol.TryParseTimeout(value, out var timeout))
        {
            // Timers stop at ~24.8 days; a longer timeout is no deadline in practice.
            return timeout > TimeSpan.FromDays(24) ? null : timeout;
        }

        GrpcLog.InvalidTimeout(logger, value, path);
        return null;
    }

    private static Metadata ReadMetadata(HttpRequest request)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    MetadataConverter.TryAdd(metadata, name, value);
                }
            }
        }

        return metadata;
    }

    /// <summary>A non-gRPC request: an HTTP error that still carries a gRPC status for gRPC clients.</summary>
    private void Reject(HttpContext http, int httpStatus, string message)
    {
        GrpcLog.RequestRejected(logger, http.Request.Path.Value ?? string.Empty, message);
        http.Response.StatusCode = httpStatus;
        http.Response.ContentType = GrpcProtocol.ContentType;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
    }

    /// <summary>A trailers-only response for a gRPC request that never reaches a handler.</summary>
    private void EndEarly(HttpContext http, Status status)
    {
        GrpcLog.RequestRejected(logger, http.Request.Path.Value ?? string.Empty, status.Detail);
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
    }
}
