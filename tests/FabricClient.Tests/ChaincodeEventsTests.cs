using System.Text;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class ChaincodeEventsTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    private static async Task<List<ChaincodeEvent>> ReadAllAsync(Network network, string chaincode, ChaincodeEventsOptions options)
    {
        var events = new List<ChaincodeEvent>();
        await foreach (var e in network.GetChaincodeEventsAsync(chaincode, options, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Submits puts of <paramref name="keys"/> together so that they land in one block; returns their transaction ids.</summary>
    private static async Task<(ulong Block, string[] TransactionIds)> CommitBlockAsync(Contract contract, params string[] keys)
    {
        var submitted = new List<SubmittedTransaction>();
        foreach (var key in keys)
        {
            submitted.Add(await contract.SubmitAsync("put", ProposalOptions.WithArguments(key, "v"), TestContext.Current.CancellationToken));
        }

        ulong block = 0;
        foreach (var s in submitted)
        {
            var status = await s.GetStatusAsync(TestContext.Current.CancellationToken);
            Assert.True(status.Successful);
            block = status.BlockNumber;
        }

        return (block, [.. submitted.Select(s => s.TransactionId)]);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_FromStartBlock_EventsOfThatChaincodeInOrder()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var network = gateway.GetNetwork("records");
        var (first, firstTxs) = await CommitBlockAsync(network.GetContract("events-a"), "a1", "a2");
        await CommitBlockAsync(network.GetContract("other-chaincode"), "x1");
        var (second, secondTxs) = await CommitBlockAsync(network.GetContract("events-a"), "a3");

        var events = await ReadAllAsync(network, "events-a", new ChaincodeEventsOptions { StartBlock = first });

        Assert.Equal(["a1", "a2", "a3"], events.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal([.. firstTxs, .. secondTxs], events.Select(e => e.TransactionId));
        Assert.Equal([first, first, second], events.Select(e => e.BlockNumber));
        Assert.All(events, e => Assert.Equal(("events-a", "put"), (e.ChaincodeName, e.EventName)));
        var request = fixture.Peer.LastChaincodeEventsRequest!;
        Assert.Equal(OrdererPb.SeekPosition.TypeOneofCase.Specified, request.StartPosition.TypeCase);
        Assert.Equal(string.Empty, request.AfterTransactionId);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_Checkpoint_ResumesAfterLastProcessedEvent()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var network = gateway.GetNetwork("records");
        var (first, _) = await CommitBlockAsync(network.GetContract("events-b"), "b1", "b2", "b3");
        await CommitBlockAsync(network.GetContract("events-b"), "b4");
        var checkpointer = new InMemoryCheckpointer();
        var options = new ChaincodeEventsOptions { StartBlock = first, Checkpoint = checkpointer };

        // Process two events, then stop as if the listener crashed.
        await foreach (var e in network.GetChaincodeEventsAsync("events-b", options, TestContext.Current.CancellationToken))
        {
            await checkpointer.CheckpointChaincodeEventAsync(e, TestContext.Current.CancellationToken);
            if (Encoding.UTF8.GetString(e.Payload) == "b2")
            {
                break;
            }
        }

        var resumed = await ReadAllAsync(network, "events-b", new ChaincodeEventsOptions { Checkpoint = checkpointer });

        Assert.Equal(["b3", "b4"], resumed.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal(checkpointer.TransactionId, fixture.Peer.LastChaincodeEventsRequest!.AfterTransactionId);
        Assert.Equal(first, fixture.Peer.LastChaincodeEventsRequest.StartPosition.Specified.Number);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_NoStart_AsksForNewestBlock()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var network = gateway.GetNetwork("records");
        await CommitBlockAsync(network.GetContract("events-c"), "c1");

        var events = await ReadAllAsync(network, "events-c", new ChaincodeEventsOptions());

        Assert.Empty(events);
        Assert.Equal(OrdererPb.SeekPosition.TypeOneofCase.Newest, fixture.Peer.LastChaincodeEventsRequest!.StartPosition.TypeCase);
    }

    [Fact]
    public async Task InMemoryCheckpointer_CheckpointBlock_ResumesAtNextBlockWithoutTransaction()
    {
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointTransactionAsync(7, "tx", TestContext.Current.CancellationToken);

        await checkpointer.CheckpointBlockAsync(7, TestContext.Current.CancellationToken);

        Assert.Equal(8UL, checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);
    }
}
