using Google.Protobuf;

namespace MedChain.Grpc.Internal.Client;

/// <summary>The response stream of a client call.</summary>
internal sealed class ClientResponseReader<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private TResponse? _current;
    private int _reading;

    public TResponse Current => _current ?? throw new InvalidOperationException("No message has been read yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // Messages arrive in order on one HTTP/2 stream: overlapping reads would race for frames.
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("A read is already in progress; await MoveNext before calling it again.");
        }

        try
        {
            var message = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                return false;
            }

            _current = message;
            return true;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
