namespace MedChain.Grpc;

/// <summary>
/// A gRPC server on Kestrel. Register handlers, then <see cref="StartAsync"/>;
/// a cleartext endpoint is HTTP/2 only (peers speak h2c with prior knowledge).
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    public GrpcServer(GrpcServerOptions? options = null)
    {
        Options = options ?? new GrpcServerOptions();
    }

    public GrpcServerOptions Options { get; }

    /// <summary>The bound port, known after <see cref="StartAsync"/> (useful with port 0).</summary>
    public int Port => throw new NotImplementedException();

    public void AddUnaryMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> => throw new NotImplementedException();

    public void AddServerStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> => throw new NotImplementedException();

    public void AddDuplexStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> => throw new NotImplementedException();

    public Task StartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Stops accepting calls and lets running ones finish until <paramref name="cancellationToken"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
