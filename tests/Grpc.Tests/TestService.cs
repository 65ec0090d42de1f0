using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

/// <summary>The methods the tests call, on well-known and Fabric message types.</summary>
internal static class TestService
{
    public const string Name = "medchain.test.Echo";

    public static readonly Method<StringValue, StringValue> Unary =
        new(MethodType.Unary, Name, "Unary", StringValue.Parser, StringValue.Parser);

    public static readonly Method<Int32Value, Int32Value> Count =
        new(MethodType.ServerStreaming, Name, "Count", Int32Value.Parser, Int32Value.Parser);

    public static readonly Method<StringValue, StringValue> Chat =
        new(MethodType.DuplexStreaming, Name, "Chat", StringValue.Parser, StringValue.Parser);


    public static readonly Method<StringValue, StringValue> Greet =

        new(MethodType.DuplexStreaming, Name, "Greet", StringValue.Parser, StringValue.Parser);

    public static readonly Method<Empty, Empty> Hang =
        new(MethodType.Unary, Name, "Hang", Empty.Parser, Empty.Parser);

    public static readonly Method<Int32Value, BytesValue> Blob =
        new(MethodType.Unary, Name, "Blob", Int32Value.Parser, BytesValue.Parser);

    public static readonly Method<BytesValue, Int32Value> Upload =
        new(MethodType.Unary, Name, "Upload", BytesValue.Parser, Int32Value.Parser);

    public static readonly Method<Empty, Empty> Missing =
        new(MethodType.Unary, Name, "Missing", Empty.Parser, Empty.Parser);

    public static readonly Method<StringValue, Empty> Fail =
        new(MethodType.Unary, Name, "Fail", StringValue.Parser, Empty.Parser);

    public static readonly Method<Int32Value, StringValue> Burst =
        new(MethodType.ServerStreaming, Name, "Burst", Int32Value.Parser, StringValue.Parser);

    /// <summary>A message whose content shows whether it arrived intact: <paramref name="index"/> repeated to a length that varies with it.</summary>
    public static string Payload(int index) =>
        string.Concat(Enumerable.Repeat($"<{index}>", 200 + (index * 37 % 500)));

    /// <summary>Builds what Fail throws for a request of "details": a Fabric-style error with a Gateway.ErrorDetail.</summary>
    public static RpcException FabricError()
    {
        var details = new Google.Rpc.Status
        {
            Code = (int)StatusCode.Aborted,
            Message = "endorsement failed – peer said no",
            Details =
            {
                Any.Pack(new Gateway.ErrorDetail { Address = "peer0.org1:7051", MspId = "Org1MSP", Message = "chaincode response 500" }),
            },
        };
        var trailers = new Metadata { { "grpc-status-details-bin", details.ToByteArray() } };
        return new RpcException(new Status(StatusCode.Aborted, details.Message), trailers);
    }

    /// <summary>Registers the methods; <paramref name="hangCancelled"/> completes when a Hang call sees its cancellation.</summary>
    public static void Register(GrpcServer server, TaskCompletionSource? hangStarted = null, TaskCompletionSource? hangCancelled = null)
    {
        server.AddUnaryMethod(Unary, (request, context) =>
        {
            var suffix = context.RequestHeaders.GetValue("x-suffix") ?? string.Empty;
            if (context.RequestHeaders.GetValueBytes("x-token-bin") is { } token)
            {
                context.ResponseTrailers.Add("x-token-bin", token);
            }

            return Task.FromResult(new StringValue { Value = request.Value.ToUpperInvariant() + suffix });
        });

        server.AddServerStreamingMethod(Count, async (request, stream, context) =>
        {
            if (context.RequestHeaders.GetValueBytes("x-token-bin") is { } token)
            {
                context.ResponseTrailers.Add("x-token-bin", token);
            }

            for (var i = 0; i < request.Value; i++)
            {
                await stream.WriteAsync(new Int32Value { Value = i }, context.CancellationToken);
            }
        });

        // Speaks first, as a chaincode does with REGISTER, before reading anything.
        server.AddDuplexStreamingMethod(Greet, async (requests, responses, context) =>
        {
            await responses.WriteAsync(new StringValue { Value = "hello" }, context.CancellationToken);
            while (await requests.MoveNext(context.CancellationToken))
            {
                await responses.WriteAsync(new StringValue { Value = "echo:" + requests.Current.Value }, context.CancellationToken);
            }
        });

        server.AddDuplexStreamingMethod(Chat, async (requests, responses, context) =>
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                await responses.WriteAsync(new StringValue { Value = "echo:" + requests.Current.Value }, context.CancellationToken);
            }

            context.ResponseTrailers.Add("x-end", "done");
        });

        server.AddUnaryMethod(Hang, async (_, context) =>
        {
            try
            {
                hangStarted?.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                hangCancelled?.TrySetResult();
                throw;
            }

            return new Empty();
        });

        server.AddUnaryMethod(Blob, (request, _) =>
            Task.FromResult(new BytesValue { Value = ByteString.CopyFrom(new byte[request.Value]) }));

        server.AddUnaryMethod(Upload, (request, _) =>
            Task.FromResult(new Int32Value { Value = request.Value.Length }));

        server.AddUnaryMethod(Fail, (request, context) => request.Value switch
        {
            "details" => throw FabricError(),
            "status" => SetStatus(context),
            _ => throw new InvalidOperationException("secret internal state"),
        });

        // Writes from many tasks at once: the transport must serialize them into whole frames.
        server.AddServerStreamingMethod(Burst, (request, stream, context) =>
            Task.WhenAll(Enumerable.Range(0, request.Value).Select(i =>
                Task.Run(() => stream.WriteAsync(new StringValue { Value = Payload(i) }, context.CancellationToken), context.CancellationToken))));
    }

    private static Task<Empty> SetStatus(ServerCallContext context)
    {
        context.Status = new Status(StatusCode.NotFound, "no such record");
        context.ResponseTrailers.Add("x-reason", "missing");
        return Task.FromResult(new Empty());
    }
}
