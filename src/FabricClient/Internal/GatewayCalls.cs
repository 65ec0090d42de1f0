using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MedChain.FabricClient.Internal;

/// <summary>Runs unary Gateway calls with a deadline and turns failures into the stage's exception.</summary>
internal static class GatewayCalls
{
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    public static async Task<TResponse> UnaryAsync<TResponse>(
        GatewayContext context,
        Func<GatewayPb.Gateway.GatewayClient, CallOptions, AsyncUnaryCall<TResponse>> call,
        TimeSpan? timeout,
        string stage,
        string? transactionId,
        Func<RpcException, IReadOnlyList<ErrorDetail>, GatewayException> toException,
        CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new CallOptions(deadline: DeadlineAfter(timeout), cancellationToken: cancellationToken);
        try
        {
            using var pending = call(context.Client, options);
            return await pending.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{stage} of transaction {transactionId} was cancelled.", e, cancellationToken);
        }
        catch (RpcException raw)
        {
            var e = Classify(raw);
            GatewayLog.CallFailed(context.Logger, stage, transactionId, e.StatusCode, e.Status.Detail);
            throw toException(e, ParseDetails(e.Trailers));
        }
    }

    /// <summary>
    /// Grpc.Net.Client reports a connection that never carried the call (TLS handshake refused, name mismatch)
    /// as INTERNAL unless the cause is a socket error; gRPC's other clients, Fabric's included, call that
    /// UNAVAILABLE, and callers retry on it, so the client reports it the same way.
    /// </summary>
    public static RpcException Classify(RpcException error)
    {
        if (error.StatusCode != StatusCode.Internal)
        {
            return error;
        }

        for (var cause = error.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException or System.Security.Authentication.AuthenticationException)
            {
                return new RpcException(new Status(StatusCode.Unavailable, error.Status.Detail, error.Status.DebugException), error.Trailers);
            }
        }

        return error;
    }

    public static DateTime? DeadlineAfter(TimeSpan? timeout) => timeout is { } t ? DateTime.UtcNow + t : null;

    /// <summary>
    /// The per-node errors of a failed call: a <c>google.rpc.Status</c> in the trailers whose details
    /// are <c>gateway.ErrorDetail</c>s. Anything unreadable is skipped rather than hiding the call's own error.
    /// </summary>
    public static IReadOnlyList<ErrorDetail> ParseDetails(Metadata trailers)
    {
        var bytes = trailers.GetValueBytes(StatusDetailsTrailer);
        if (bytes is null)
        {
            return [];
        }

        RpcPb.Status status;
        try
        {
            status = RpcPb.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return [];
        }

        var details = new List<ErrorDetail>();
        foreach (var any in status.Details)
        {
            if (any.TryUnpack<GatewayPb.ErrorDetail>(out var detail))
            {
                details.Add(new ErrorDetail(detail.Address, detail.MspId, detail.Message));
            }
        }

        return details;
    }
}
