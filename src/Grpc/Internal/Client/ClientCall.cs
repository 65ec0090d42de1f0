using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc.Internal.Client;

/// <summary>
/// One call on the client: sends the HTTP/2 request, reads response messages, and settles the final status
/// exactly once (from trailers, from an error, from cancellation or from the deadline).
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly HttpClient _client;
    private readonly Uri _address;
    private readonly Method<TRequest, TResponse> _method;
    private readonly GrpcChannelOptions _options;
    private readonly CallOptions _callOptions;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _lock = new();
    private CancellationTokenRegistration _cancelRegistration;
    private StreamingRequestContent? _streamingContent;
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private Stream? _responseBody;
    private Status? _status;
    private Metadata? _trailers;
    private bool _requestCompleted;
    private bool _disposed;

    public ClientCall(HttpClient client, Uri address, Method<TRequest, TResponse> method, GrpcChannelOptions options, CallOptions callOptions, ILogger logger)
    {
        _client = client;
        _address = address;
        _method = method;
        _options = options;
        _callOptions = callOptions;
        _logger = logger;
        if (callOptions.Deadline is { } deadline && ClientHeaders.RemainingUntil(deadline) is { } remaining)
        {
            _deadlineCts = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(callOptions.CancellationToken, _deadlineCts.Token);
        }
        else
        {
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(callOptions.CancellationToken);
        }

    }

    /// <summary>Headers of the response; fails with <see cref="RpcException"/> when the call fails before them.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; private set; } = null!;

    /// <summary>Sends the request with a complete body (unary, server streaming).</summary>
    public void Start(byte[] requestFrame)
    {
        var content = new ByteArrayContent(requestFrame);
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        StartCore(content);
    }

    /// <summary>Sends the request with a body written as the caller writes (duplex streaming).</summary>
    public void StartStreaming()
    {
        _streamingContent = new StreamingRequestContent();
        StartCore(_streamingContent);
    }

    private void StartCore(HttpContent content)
    {
        // Cancellation, the deadline or Dispose settle the status first, then tear the HTTP/2 stream down (RST_STREAM).
        _cancelRegistration = _callCts.Token.Register(static state => ((ClientCall<TRequest, TResponse>)state!).OnCancelled(), this);
        ResponseHeadersAsync = SendAsync(content);
        // Observed here so a failure nobody awaits is not reported as unobserved.
        _ = ResponseHeadersAsync.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task<Metadata> SendAsync(HttpContent content)
    {
        // Disposed with the call, not here: disposing it would end a duplex request body still being written.
        var request = _request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        ClientHeaders.AddRequestHeaders(request, _address, _options.ServerNameOverride, _callOptions);

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(StatusFromException(ex));
        }

        lock (_lock)
        {
            if (_status is null)
            {
                _response = response;
            }
        }

        if (_response != response)
        {
            response.Dispose();
            throw new RpcException(_status!.Value, _trailers ?? []);
        }

        var headers = ClientHeaders.ToMetadata(response.Headers);
        if (ClientHeaders.ReadStatus(response.Headers) is { } trailersOnlyStatus)
        {
            // Trailers-only response: the headers carry the status, and there is no body.
            Finish(trailersOnlyStatus, headers);
            return headers;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new Status(GrpcProtocol.FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}."));
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw Fail(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: '{contentType}'."));
        }

        try
        {
            _responseBody = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(StatusFromException(ex));
        }

        return headers;
    }

    /// <summary>Reads the next response message; null at the end of a call that ended OK, else <see cref="RpcException"/>.</summary>
    public async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await ResponseHeadersAsync.ConfigureAwait(false);
        if (_status is { } settled)
        {
            return settled.StatusCode == StatusCode.OK ? null : throw new RpcException(settled, _trailers ?? []);
        }

        // Cancelling a read cancels the call, as in gRPC's own clients.
        using var readRegistration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _callCts);
        byte[]? payload;
        try
        {
            payload = await MessageFraming.ReadAsync(_responseBody!, _options.MaxReceiveMessageSize, _callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(StatusFromException(ex));
        }

        if (payload is null)
        {
            var trailers = ClientHeaders.ToMetadata(_response!.TrailingHeaders);
            var status = ClientHeaders.ReadStatus(_response.TrailingHeaders) ?? new Status(StatusCode.Unknown, "No grpc-status found on response.");
            Finish(status, trailers);
            var final = _status!.Value;
            return final.StatusCode == StatusCode.OK ? null : throw new RpcException(final, _trailers ?? []);
        }

        try
        {
            return MessageFraming.Parse(_method.ResponseParser, payload, "response");
        }
        catch (RpcException ex)
        {
            throw Fail(ex.Status);
        }
    }

    /// <summary>Writes one request message (duplex); concurrent writers are serialized.</summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = _streamingContent ?? throw new InvalidOperationException("This call has no request stream.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotWrite();
            byte[] frame;
            try
            {
                frame = MessageFraming.Frame(message, _options.MaxSendMessageSize);
            }
            catch (RpcException ex)
            {
                throw Fail(ex.Status);
            }

            using var writeRegistration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _callCts);
            try
            {
                var stream = await content.GetStreamAsync(_callCts.Token).ConfigureAwait(false);
                await stream.WriteAsync(frame, _callCts.Token).ConfigureAwait(false);
                await stream.FlushAsync(_callCts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                // The response side settles the real status (the server may have ended the call); report what is known.
                throw _status is { } settled
                    ? new RpcException(settled, _trailers ?? [])
                    : new RpcException(StatusFromException(ex));
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Half-closes the request stream once pending writes are done.</summary>
    public async Task CompleteRequestAsync()
    {
        var content = _streamingContent ?? throw new InvalidOperationException("This call has no request stream.");
        await _writeLock.WaitAsync(_callCts.Token).ConfigureAwait(false);
        try
        {
            _requestCompleted = true;
            content.Complete();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfCannotWrite()
    {
        if (_status is { } settled)
        {
            throw settled.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(settled, _trailers ?? []);
        }

        if (_requestCompleted)
        {
            throw new InvalidOperationException("Can't write the message because the request stream is complete.");
        }
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.")
        : _trailers ?? [];

    /// <summary>Settles the status; the first caller wins. True if this call settled it.</summary>
    private bool Finish(Status status, Metadata trailers)
    {
        lock (_lock)
        {
            if (_status is not null)
            {
                return false;
            }

            _status = status;
            _trailers = trailers;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            GrpcLog.ClientCallEnded(_logger, _method.FullName, status.StatusCode, status.Detail);
        }

        // Nothing more will be written once the call is over.
        _streamingContent?.Abort();
        return true;
    }

    /// <summary>Settles a failure, aborts the HTTP/2 stream and returns the exception to throw (with the settled status).</summary>
    private RpcException Fail(Status status)
    {
        Finish(status, []);
        Abort();
        return new RpcException(_status!.Value, _trailers ?? []);
    }

    private void OnCancelled()
    {
        var status = _deadlineCts is { IsCancellationRequested: true } && !_callOptions.CancellationToken.IsCancellationRequested
            ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
            : new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        Finish(status, []);
        Abort();
    }

    private void Abort()
    {
        HttpResponseMessage? response;
        lock (_lock)
        {
            response = _response;
        }

        _streamingContent?.Abort();
        if (!_callCts.IsCancellationRequested)
        {
            try
            {
                _callCts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed concurrently: the call is over anyway.
            }
        }

        // Disposing a response whose body was not read to the end resets the HTTP/2 stream (RST_STREAM CANCEL).
        response?.Dispose();
    }

    private Status StatusFromException(Exception ex)
    {
        if (_status is { } settled)
        {
            return settled;
        }

        if (_callCts.IsCancellationRequested)
        {
            OnCancelled();
            return _status!.Value;
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RpcException rpc:
                    return rpc.Status;
                case HttpProtocolException protocol:
                    return new Status(GrpcProtocol.FromHttp2Error(protocol.ErrorCode), $"The HTTP/2 stream was reset: {protocol.Message}");
                default:
                    break;
            }
        }

        return ex switch
        {
            HttpRequestException => new Status(StatusCode.Unavailable, $"Error starting gRPC call: {ex.Message}"),
            IOException => new Status(StatusCode.Unavailable, $"Error reading or writing the call's stream: {ex.Message}"),
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call cancelled."),
            _ => new Status(StatusCode.Internal, $"Error in the call: {ex.GetType().Name}: {ex.Message}"),
        };
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (Finish(new Status(StatusCode.Cancelled, "Call disposed before it ended."), []))
        {
            Abort();
        }

        _cancelRegistration.Dispose();
        _response?.Dispose();
        _request?.Dispose();
        _callCts.Dispose();
        _deadlineCts?.Dispose();
    }
}
