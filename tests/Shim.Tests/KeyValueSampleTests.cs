using MedChain.Samples.KeyValue;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Tests;

/// <summary>The KeyValue sample end to end over the chaincode stream.</summary>
public sealed class KeyValueSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutThenGet_OverStream_ReturnsValue()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new KeyValueChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var put = await peer.InvokeAsync(Ct, "Put", "k", "v");
        var get = await peer.InvokeAsync(Ct, "Get", "k");

        Assert.Equal(200, PeerPb.Response.Parser.ParseFrom(put.Payload).Status);
        Assert.Equal("v", ChaincodeServerTests.Text(get));
        Assert.Equal("v", System.Text.Encoding.UTF8.GetString(peer.Ledger.Get("k")!));
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsKeyNotFoundError()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new KeyValueChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "Get", "nope");

        Assert.Equal(MessageType.Completed, reply.Type);
        var response = PeerPb.Response.Parser.ParseFrom(reply.Payload);
        Assert.Equal((500, "key not found: nope"), (response.Status, response.Message));
    }

    [Theory]
    [InlineData("Delete", "k")]
    [InlineData("Put", "k")]
    [InlineData("Get")]
    public async Task Invoke_UnknownFunctionOrWrongArguments_ReturnsError(params string[] args)
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new KeyValueChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var response = PeerPb.Response.Parser.ParseFrom((await peer.InvokeAsync(args, Ct)).Payload);

        Assert.Equal(500, response.Status);
        Assert.DoesNotContain(peer.Ledger.Requests, r => r.Type == MessageType.PutState);
    }
}
