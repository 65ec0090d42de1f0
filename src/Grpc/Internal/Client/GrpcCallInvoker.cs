using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc.Internal.Client;

/// <summary>Starts calls over a channel's <see cref="HttpClient"/>.</summary>
internal sealed class GrpcCallInvoker(HttpClient client, Uri address, GrpcChannelOptions channelOptions, ILogger logger) : CallInvoker
{
    public override async Task<TResponse> UnaryCallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var frame = MessageFraming.Frame(request, channelOptions.MaxSendMessageSize);
        using var call = CreateCall(method, options);
        call.Start(frame);
        var response = await call.ReadMessageAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The server ended the unary call without a response message."), call.GetTrailers());
        if (await call.ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server sent more than one response message on a unary call."));
        }

        return response;
    }

    public override AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var frame = MessageFraming.Frame(request, channelOptions.MaxSendMessageSize);
        var call = CreateCall(method, options);
        call.Start(frame);
        return new AsyncServerStreamingCall<TResponse>(
            new ClientResponseReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = CreateCall(method, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientRequestWriter<TRequest, TResponse>(call),
            new ClientResponseReader<TRequest, TResponse>(call),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    private ClientCall<TRequest, TResponse> CreateCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions callOptions)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(client, address, method, channelOptions, callOptions, logger);
}
