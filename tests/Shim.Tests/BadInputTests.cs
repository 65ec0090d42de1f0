using Google.Protobuf;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Tests;

/// <summary>What a confused or hostile peer gets: ERROR or a closed stream, while other streams keep working.</summary>
public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownMessageType_WhenReady_AnswersErrorAndKeepsServing()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.SendAndWaitAsync(new PeerPb.ChaincodeMessage { Type = (MessageType)99, Txid = "odd", ChannelId = "c" }, Ct);
        var next = await peer.InvokeAsync(Ct, "putget", "k", "v");

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Contains("unknown message type 99", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal("v", ChaincodeServerTests.Text(next));
    }

    [Fact]
    public async Task MalformedTransactionPayload_AnswersErrorForThatTransaction()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.SendAndWaitAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Transaction, Txid = "bad", ChannelId = "c", Payload = ByteString.CopyFrom(0xFF, 0xFF, 0xFF) }, Ct);
        var next = await peer.InvokeAsync(Ct, "putget", "k", "v");

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.StartsWith("failed to unmarshal input", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal("v", ChaincodeServerTests.Text(next));
    }

    [Fact]
    public async Task MalformedProposal_AnswersErrorForThatTransaction()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);
        var message = new PeerPb.ChaincodeMessage
        {
            Type = MessageType.Transaction,
            Txid = "badproposal",
            ChannelId = "c",
            Payload = new PeerPb.ChaincodeInput().ToByteString(),
            Proposal = new PeerPb.SignedProposal { ProposalBytes = ByteString.CopyFrom(0x0A, 0x05, 0x01) },
        };

        var reply = await peer.SendAndWaitAsync(message, Ct);

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.StartsWith("failed to create new ChaincodeStub", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateTxIdInFlight_AnswersError()
    {
        var chaincode = new ProbeChaincode();
        await using var fixture = await ChaincodeServerFixture.StartAsync(chaincode, Ct);
        var peer = await fixture.ConnectAsync(Ct);
        var first = peer.InvokeAsync(["wait"], Ct, txId: "dup");
        await chaincode.WaitStarted.Task.WaitAsync(Ct);

        // The duplicate's ERROR carries the same ids, so it reaches the first waiter.
        await peer.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Transaction, Txid = "dup", ChannelId = PeerDriver.Channel, Payload = new PeerPb.ChaincodeInput().ToByteString() }, Ct);
        var duplicateReply = await first;
        chaincode.Gate.SetResult();
        var completed = await peer.NextUnmatchedAsync(Ct);

        Assert.Equal(MessageType.Error, duplicateReply.Type);
        Assert.Contains("already running", duplicateReply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal((MessageType.Completed, "dup"), (completed.Type, completed.Txid));
    }

    [Fact]
    public async Task RegisteredTwice_AnswersErrorAndKeepsServing()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        await peer.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Registered }, Ct);
        var error = await peer.NextUnmatchedAsync(Ct);
        var next = await peer.InvokeAsync(Ct, "putget", "k", "v");

        Assert.Equal(MessageType.Error, error.Type);
        Assert.Contains("REGISTERED", error.Payload.ToStringUtf8(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("v", ChaincodeServerTests.Text(next));
    }

    [Fact]
    public async Task ResponseWithoutWaitingCall_AnswersError()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.SendAndWaitAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Response, Txid = "nobody", ChannelId = "c" }, Ct);

        Assert.Equal(MessageType.Error, reply.Type);
    }

    [Fact]
    public async Task TransactionBeforeReady_AnswersErrorAndClosesStream_OtherConnectionKeepsWorking()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var good = await fixture.ConnectAsync(Ct);
        var bad = await fixture.ConnectAsync(Ct, handshake: false);
        await bad.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Registered }, Ct);

        await bad.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Transaction, Txid = "early", ChannelId = "c", Payload = new PeerPb.ChaincodeInput().ToByteString() }, Ct);
        var error = await bad.NextUnmatchedAsync(Ct);
        await bad.Ended.WaitAsync(Ct);
        var stillServed = await good.InvokeAsync(Ct, "putget", "k", "v");

        Assert.Equal(MessageType.Error, error.Type);
        Assert.Contains("while in state: Established", error.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal("v", ChaincodeServerTests.Text(stillServed));
    }

    [Fact]
    public async Task Keepalive_IsEchoed()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        await peer.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Keepalive }, Ct);

        Assert.Equal(MessageType.Keepalive, (await peer.NextUnmatchedAsync(Ct)).Type);
    }
}
