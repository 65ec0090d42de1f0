using Google.Protobuf;

namespace MedChain.Grpc.Internal.Server;

/// <summary>The request stream of a duplex call on the server.</summary>
internal sealed class ServerRequestReader<TRequest>(HttpServerCallContext call, MessageParser<TRequest> parser) : IAsyncStreamReader<TRequest>
    where TRequest : IMessage<TRequest>
{
    private TRequest? _current;
    private int _reading;

    public TRequest Current => _current ?? throw new InvalidOperationException("No message has been read yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // Frames arrive in order on one stream: overlapping reads would race for them.
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("A read is already in progress; await MoveNext before calling it again.");
        }

        try
        {
            var payload = await call.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return false;
            }

            _current = MessageFraming.Parse(parser, payload, "request");
            return true;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}

/// <summary>The response stream of a streaming call on the server; concurrent writes are serialized.</summary>
internal sealed class ServerResponseWriter<TResponse>(HttpServerCallContext call) : IServerStreamWriter<TResponse>
    where TResponse : IMessage<TResponse>
{
    public Task WriteAsync(TResponse message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, cancellationToken);
}
