using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace MedChain.Grpc.Internal.Server;

/// <summary>
/// A call on the server over one HTTP/2 stream: reads request frames, writes response frames one at a time,
/// and ends with the status in trailers (or, when nothing was sent yet, a trailers-only response).
/// </summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _ended;

    public HttpServerCallContext(HttpContext http, GrpcServerOptions options, TimeSpan? timeout, Metadata requestHeaders)
    {
        _http = http;
        _options = options;
        RequestHeaders = requestHeaders;
        if (timeout is { } t)
        {
            Deadline = DateTime.UtcNow + t;
            _deadlineCts = new CancellationTokenSource(t);
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadlineCts.Token);
        }
        else
        {
            Deadline = DateTime.MaxValue;
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        }
    }

    public override string Method => _http.Request.Path.Value ?? string.Empty;

    public override string Peer
    {
        get
        {
            var connection = _http.Connection;
            var port = connection.RemotePort.ToString(CultureInfo.InvariantCulture);
            return connection.RemoteIpAddress switch
            {
                { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{port}",
                { } ip => $"ipv4:{ip}:{port}",
                null => "unknown",
            };
        }
    }

    public override DateTime Deadline { get; }

    public override Metadata RequestHeaders { get; }

    public override CancellationToken CancellationToken => _callCts.Token;

    public override Metadata ResponseTrailers { get; } = [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    /// <summary>True when the call's token fired because its deadline passed.</summary>
    public bool DeadlineExceeded => _deadlineCts is { IsCancellationRequested: true } && !_http.RequestAborted.IsCancellationRequested;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            if (_http.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }

            foreach (var entry in responseHeaders)
            {
                if (!MetadataConverter.IsReserved(entry.Key))
                {
                    _http.Response.Headers.Append(entry.Key, MetadataConverter.ToHeaderValue(entry));
                }
            }

            await _http.Response.StartAsync(CancellationToken).ConfigureAwait(false);
            await _http.Response.Body.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads the next request message's bytes; null at the end of the request stream.</summary>
    public async Task<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken);
        try
        {
            return await MessageFraming.ReadAsync(_http.Request.Body, _options.MaxReceiveMessageSize, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException && linked.IsCancellationRequested)
        {
            // The client reset the stream or the deadline passed: report it as cancellation, not as a fault.
            throw new OperationCanceledException("The call was cancelled.", ex, linked.Token);
        }
    }

    /// <summary>Writes one response message; writers from several tasks are serialized.</summary>
    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var frame = MessageFraming.Frame(message, _options.MaxSendMessageSize);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken);
        await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            await _http.Response.Body.WriteAsync(frame, linked.Token).ConfigureAwait(false);
            await _http.Response.Body.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call with <paramref name="status"/> and the response trailers; later writes fail.</summary>
    public async Task EndAsync(Status status)
    {
        // Not cancellable: a handler's write in flight finishes (or fails) first, so the trailers never split a frame.
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _ended = true;
            var response = _http.Response;
            if (!response.HasStarted)
            {
                // Trailers-only response: one HEADERS frame with END_STREAM carries the status.
                response.Headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(status.Detail))
                {
                    response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
                }

                foreach (var entry in ResponseTrailers)
                {
                    if (!MetadataConverter.IsReserved(entry.Key))
                    {
                        response.Headers.Append(entry.Key, MetadataConverter.ToHeaderValue(entry));
                    }
                }

                return;
            }

            response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(status.Detail))
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.EncodeMessage(status.Detail));
            }

            foreach (var entry in ResponseTrailers)
            {
                if (!MetadataConverter.IsReserved(entry.Key))
                {
                    response.AppendTrailer(entry.Key, MetadataConverter.ToHeaderValue(entry));
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The call has ended; nothing more can be written.");
        }
    }

    public void Dispose()
    {
        _callCts.Dispose();
        _deadlineCts?.Dispose();
        _writeLock.Dispose();
    }
}
