using Google.Protobuf;

namespace MedChain.Grpc.Internal.Server;

/// <summary>Runs one registered method for one call: reads the request(s), invokes the handler, writes the response(s).</summary>
internal abstract class ServerMethodHandler
{
    public abstract Task HandleAsync(HttpServerCallContext call);

    /// <summary>Reads the single request of a unary or server-streaming call.</summary>
    protected static async Task<TRequest> ReadSingleRequestAsync<TRequest>(HttpServerCallContext call, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
    {
        var payload = await call.ReadFrameAsync(call.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The request stream ended without a message."));
        var request = MessageFraming.Parse(parser, payload, "request");
        if (await call.ReadFrameAsync(call.CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The client sent more than one request message on a single-request call."));
        }

        return request;
    }
}

internal sealed class UnaryMethodHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) : ServerMethodHandler
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task HandleAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned no response.");
        if (call.Status.StatusCode == StatusCode.OK)
        {
            await call.WriteMessageAsync(response, call.CancellationToken).ConfigureAwait(false);
        }
    }
}

internal sealed class ServerStreamingMethodHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodHandler
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task HandleAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, method.RequestParser).ConfigureAwait(false);
        await handler(request, new ServerResponseWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingMethodHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodHandler
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override Task HandleAsync(HttpServerCallContext call) =>
        handler(new ServerRequestReader<TRequest>(call, method.RequestParser), new ServerResponseWriter<TResponse>(call), call);
}
