using Google.Protobuf;

namespace MedChain.Grpc.Internal.Client;

/// <summary>The request stream of a duplex call; concurrent writes are serialized, never interleaved.</summary>
internal sealed class ClientRequestWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
