using System.Text;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class TransactionTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task EvaluateTransactionAsync_SignedProposal_PeerAcceptsAndReturnsResult()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var result = await contract.EvaluateTransactionAsync("echo", ["a", "b"], TestContext.Current.CancellationToken);

        Assert.Equal("a,b", Text(result));
        Assert.Equal("records", fixture.Peer.LastEvaluateRequest!.ChannelId);
    }

    [Fact]
    public async Task EvaluateAsync_TransientDataAndTargetOrganizations_ReachThePeer()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");
        var options = ProposalOptions.WithArguments("key");
        options.TransientData["key"] = "private"u8.ToArray();
        options.EndorsingOrganizations.Add("Org2MSP");

        var result = await contract.EvaluateAsync("transient", options, TestContext.Current.CancellationToken);

        Assert.Equal("private", Text(result));
        Assert.Equal(["Org2MSP"], fixture.Peer.LastEvaluateRequest!.TargetOrganizations);
    }

    [Fact]
    public async Task SubmitTransactionAsync_Valid_ReturnsResultAfterCommitAndStateChanges()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var result = await contract.SubmitTransactionAsync("put", ["submit-key", "v1"], TestContext.Current.CancellationToken);

        Assert.Equal("v1", Text(result));
        Assert.Equal("v1", Text(await contract.EvaluateTransactionAsync("get", ["submit-key"], TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task SubmitAsync_TwoStep_TransactionIdBeforeCommitThenValidStatus()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var submitted = await contract.SubmitAsync("put", ProposalOptions.WithArguments("two-step", "v2"), TestContext.Current.CancellationToken);
        Assert.Matches("^[0-9a-f]{64}$", submitted.TransactionId);
        Assert.Equal("v2", Text(submitted.Result));
        Assert.Equal(string.Empty, Text(await contract.EvaluateTransactionAsync("get", ["two-step"], TestContext.Current.CancellationToken)));

        var status = await submitted.GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.True(status.Successful);
        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.True(status.BlockNumber >= GatewayPeer.FirstBlock);
    }

    [Fact]
    public async Task EndorseAsync_ThenSubmitAndStatus_EachStepExposesTheSameTransaction()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var proposal = gateway.GetNetwork("records").GetContract("kv").NewProposal("put", ProposalOptions.WithArguments("ladder", "v3"));

        var transaction = await proposal.EndorseAsync(TestContext.Current.CancellationToken);
        var commit = await transaction.SubmitAsync(TestContext.Current.CancellationToken);
        var status = await commit.GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal(proposal.TransactionId, transaction.TransactionId);
        Assert.Equal(proposal.TransactionId, commit.TransactionId);
        Assert.Equal("v3", Text(transaction.Result));
        Assert.Equal("records", transaction.ChannelName);
        Assert.True(status.Successful);
        Assert.Equal(proposal.TransactionId, fixture.Peer.LastEndorseRequest!.TransactionId);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MvccConflict_ThrowsCommitExceptionWithCode()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var error = await Assert.ThrowsAsync<CommitException>(() => contract.SubmitTransactionAsync("conflict", [], TestContext.Current.CancellationToken));

        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, error.ValidationCode);
        Assert.Matches("^[0-9a-f]{64}$", error.TransactionId);
        Assert.True(error.BlockNumber >= GatewayPeer.FirstBlock);
        Assert.Contains("MVCC_READ_CONFLICT", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Status);
    }

    [Fact]
    public async Task GetStatusAsync_MvccConflict_ReturnsUnsuccessfulStatus()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var submitted = await gateway.GetNetwork("records").GetContract("kv").SubmitAsync("conflict", cancellationToken: TestContext.Current.CancellationToken);

        var status = await submitted.GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.False(status.Successful);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, status.Code);
    }
}
