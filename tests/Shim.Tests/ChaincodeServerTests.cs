using System.Text;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Tests;

/// <summary>The server over a real gRPC stream on 127.0.0.1, driven the way a peer drives it.</summary>
public sealed class ChaincodeServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_PeerConnects_RegistersWithPackageId()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct, handshake: false);

        var register = await peer.Registration;

        Assert.Equal(MessageType.Register, register.Type);
        Assert.Equal(ChaincodeServerFixture.PackageId, PeerPb.ChaincodeID.Parser.ParseFrom(register.Payload).Name);
    }

    [Fact]
    public async Task Transaction_AfterReady_AnswersCompletedWithResponse()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);
        peer.Ledger.Put("k", "v");

        var reply = await peer.InvokeAsync(Ct, "get", "k");

        Assert.Equal(MessageType.Completed, reply.Type);
        Assert.Equal(PeerDriver.Channel, reply.ChannelId);
        var response = PeerPb.Response.Parser.ParseFrom(reply.Payload);
        Assert.Equal(200, response.Status);
        Assert.Equal("v", response.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Init_Succeeds_AnswersCompleted()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(["init"], Ct, init: true);

        Assert.Equal(MessageType.Completed, reply.Type);
        Assert.Equal("initialized", PeerPb.Response.Parser.ParseFrom(reply.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Init_ChaincodeReturnsError_AnswersErrorMessage()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(["badinit"], Ct, init: true);

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal("init refused", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Transaction_ChaincodeReturnsError_AnswersCompletedWithErrorStatus()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "fail", "asset missing");

        // As Go's shim: the endorser turns the error status into a failed proposal.
        Assert.Equal(MessageType.Completed, reply.Type);
        var response = PeerPb.Response.Parser.ParseFrom(reply.Payload);
        Assert.Equal(500, response.Status);
        Assert.Equal("asset missing", response.Message);
    }

    [Fact]
    public async Task Transaction_ChaincodeThrows_AnswersErrorAndKeepsServing()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "throw", "boom");
        var next = await peer.InvokeAsync(Ct, "putget", "a", "1");

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal("boom", reply.Payload.ToStringUtf8());
        Assert.Equal(MessageType.Completed, next.Type);
    }

    [Fact]
    public async Task Transaction_PeerAnswersStateCallWithError_ChaincodeSeesPeerCallException()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);
        peer.Ledger.FailingKeys["bad"] = "ledger unavailable";

        var reply = await peer.InvokeAsync(Ct, "get", "bad");

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal("ledger unavailable", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Transaction_FiftyConcurrentOnOneStream_EachGetsItsOwnReply()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => peer.InvokeAsync(Ct, "putget", $"key{i}", $"value{i}")));

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(MessageType.Completed, replies[i].Type);
            Assert.Equal($"value{i}", PeerPb.Response.Parser.ParseFrom(replies[i].Payload).Payload.ToStringUtf8());
        }
    }

    [Fact]
    public async Task Transaction_SameTxIdOnTwoChannels_BothServed()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);
        var txId = PeerDriver.NewTxId();

        var replies = await Task.WhenAll(
            peer.InvokeAsync(["putget", "x", "one"], Ct, txId: txId, channel: "ch1"),
            peer.InvokeAsync(["putget", "y", "two"], Ct, txId: txId, channel: "ch2"));

        Assert.Equal("one", PeerPb.Response.Parser.ParseFrom(replies[0].Payload).Payload.ToStringUtf8());
        Assert.Equal("two", PeerPb.Response.Parser.ParseFrom(replies[1].Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Connect_TwoPeersAtOnce_BothServedFromTheirOwnLedgers()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer1 = await fixture.ConnectAsync(Ct);
        var peer2 = await fixture.ConnectAsync(Ct);
        peer1.Ledger.Put("k", "org1");
        peer2.Ledger.Put("k", "org2");

        var replies = await Task.WhenAll(peer1.InvokeAsync(Ct, "get", "k"), peer2.InvokeAsync(Ct, "get", "k"));

        Assert.Equal("org1", PeerPb.Response.Parser.ParseFrom(replies[0].Payload).Payload.ToStringUtf8());
        Assert.Equal("org2", PeerPb.Response.Parser.ParseFrom(replies[1].Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Connect_PeerReconnectsAfterDisconnect_IsServedAgain()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var ledger = new PeerLedger();
        var first = await PeerDriver.ConnectAsync(fixture.Address, Ct, ledger);
        await first.InvokeAsync(Ct, "put", "k", "before restart");
        await first.DisposeAsync();

        await using var second = await PeerDriver.ConnectAsync(fixture.Address, Ct, ledger);
        var reply = await second.InvokeAsync(Ct, "get", "k");

        Assert.Equal("before restart", PeerPb.Response.Parser.ParseFrom(reply.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Transaction_StreamEndsWhileStateCallWaits_CallFails()
    {
        var chaincode = new ProbeChaincode();
        await using var fixture = await ChaincodeServerFixture.StartAsync(chaincode, Ct);
        var ledger = new PeerLedger();
        ledger.UnansweredKeys["never"] = true;
        var peer = await PeerDriver.ConnectAsync(fixture.Address, Ct, ledger);
        var pending = peer.InvokeAsync(Ct, "hold", "never");
        while (!ledger.Requests.Any(r => r.Type == MessageType.GetState))
        {
            await Task.Delay(10, Ct);
        }

        await peer.DisposeAsync();
        var failure = await chaincode.HoldFailure.Task.WaitAsync(Ct);

        Assert.True(failure is PeerCallException or OperationCanceledException, failure.GetType().Name);
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task Transaction_Event_IsSentWithCompleted()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "event", "AssetCreated", "{\"id\":1}");

        Assert.Equal(MessageType.Completed, reply.Type);
        Assert.Equal("AssetCreated", reply.ChaincodeEvent.EventName);
        Assert.Equal("{\"id\":1}", reply.ChaincodeEvent.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task StopAsync_TransactionRunning_FinishesItThenClosesStreams()
    {
        var chaincode = new ProbeChaincode();
        var fixture = await ChaincodeServerFixture.StartAsync(chaincode, Ct);
        await using (fixture)
        {
            var peer = await fixture.ConnectAsync(Ct);
            var running = peer.InvokeAsync(Ct, "wait");
            await chaincode.WaitStarted.Task.WaitAsync(Ct);

            var stopping = fixture.Server.StopAsync(Ct);

            // The stop waits for the running transaction instead of cancelling it.
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            Assert.False(stopping.IsCompleted);
            chaincode.Gate.SetResult();
            await stopping;

            // The stop waits for the peer to have read the reply and the stream's end before Kestrel closes the connection.
            Assert.Equal("released", ChaincodeServerTests.Text(await running));
            Assert.Null(await peer.Ended.WaitAsync(Ct));
        }
    }

    [Fact]
    public async Task StopAsync_PatienceRunsOut_CancelsTheRunningTransactionAndStops()
    {
        var chaincode = new ProbeChaincode();
        var fixture = await ChaincodeServerFixture.StartAsync(chaincode, Ct);
        await using (fixture)
        {
            var peer = await fixture.ConnectAsync(Ct);
            var running = peer.InvokeAsync(Ct, "wait");
            await chaincode.WaitStarted.Task.WaitAsync(Ct);

            using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await fixture.Server.StopAsync(patience.Token).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            await peer.Ended.WaitAsync(TimeSpan.FromSeconds(30), Ct);

            // The gate never opened: the transaction was cancelled, so the peer got ERROR or lost the stream, never COMPLETED.
            string outcome;
            try
            {
                outcome = (await running).Type.ToString();
            }
            catch (Exception ex) when (ex is IOException or Grpc.Core.RpcException or OperationCanceledException)
            {
                outcome = "stream ended";
            }

            Assert.NotEqual(nameof(MessageType.Completed), outcome);
            Assert.Equal(0, fixture.Server.ConnectionCount);
        }
    }

    internal static string Text(PeerPb.ChaincodeMessage reply) =>
        reply.Type == MessageType.Completed ? PeerPb.Response.Parser.ParseFrom(reply.Payload).Payload.ToStringUtf8() : "ERROR " + Encoding.UTF8.GetString(reply.Payload.Span);
}
