using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedChain.ShimPeerDriver;

namespace MedChain.Shim.Tests;

/// <summary>
/// What the chaincode server's transport promises a peer, and what a confused client gets: h2c with prior
/// knowledge only on cleartext, message size limits, and clear errors for what no Fabric peer would send.
/// </summary>
public sealed class ServerTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cleartext_Http2PriorKnowledge_ServesTransactions()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "putget", "k", "h2c");

        Assert.StartsWith("http://", fixture.Address, StringComparison.Ordinal);
        Assert.Equal("h2c", ChaincodeServerTests.Text(reply));
    }

    [Fact]
    public async Task Cleartext_Http11Request_RefusedAndServerKeepsServing()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Address}/protos.Chaincode/Connect")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };

        // The endpoint is HTTP/2 only: Kestrel answers an HTTP/1.1 request line with an error, never a call.
        using (var response = await http.SendAsync(request, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0, fixture.Server.ConnectionCount);
        var peer = await fixture.ConnectAsync(Ct);
        Assert.Equal("still", ChaincodeServerTests.Text(await peer.InvokeAsync(Ct, "putget", "k", "still")));
    }

    [Fact]
    public async Task NonGrpcContentType_Answers415()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        using var http = new HttpClient(new SocketsHttpHandler());
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Address}/protos.Chaincode/Connect")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, fixture.Server.ConnectionCount);
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "protos.Chaincode", "Nothing", _bytes, _bytes);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(cancellationToken: Ct), []).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task MessageThatIsNotAChaincodeMessage_EndsTheStreamWithAnError()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var connect = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "protos.Chaincode", "Connect", _bytes, _bytes);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(connect, null, new CallOptions(cancellationToken: Ct));

        // Field 1 (type) claims a varint, then the bytes end: not a protobuf message.
        await call.RequestStream.WriteAsync([0x08, 0xFF], Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(Ct))
            {
                // REGISTER arrives first; the bad message then fails the stream.
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("malformed ChaincodeMessage", ex.Status.Detail, StringComparison.Ordinal);
        var peer = await fixture.ConnectAsync(Ct);
        Assert.Equal("ok", ChaincodeServerTests.Text(await peer.InvokeAsync(Ct, "putget", "k", "ok")));
    }

    [Fact]
    public async Task MessageOverMaxMessageSize_ResourceExhausted()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct, o => o.MaxMessageSize = 64 * 1024);
        var peer = await fixture.ConnectAsync(Ct);
        var big = new PeerPb.ChaincodeMessage { Type = PeerPb.ChaincodeMessage.Types.Type.Keepalive, Payload = ByteString.CopyFrom(new byte[128 * 1024]) };

        // The server may end the call while the client is still writing: then the write fails with the call's status,
        // or as Cancelled when the client's HTTP/2 stream is torn down under the write. The call's end says why.
        var sendFailure = await Record.ExceptionAsync(() => peer.SendAsync(big, Ct));
        var ended = await peer.Ended.WaitAsync(Ct);

        var rpc = Assert.IsType<RpcException>(ended);
        Assert.Equal(StatusCode.ResourceExhausted, rpc.StatusCode);
        Assert.True(sendFailure is null or RpcException { StatusCode: StatusCode.ResourceExhausted or StatusCode.Cancelled }, $"unexpected send failure: {sendFailure}");
    }

    private static readonly Marshaller<byte[]> _bytes = Marshallers.Create(b => b, b => b);
}
