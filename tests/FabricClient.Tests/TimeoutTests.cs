using Grpc.Core;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class TimeoutTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    private static readonly TimeSpan _short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task EvaluateAsync_PeerSlowerThanTimeout_GatewayExceptionDeadlineExceeded()
    {
        var (gateway, identity) = fixture.Connect(new GatewayOptions { EvaluateTimeout = _short });
        using var _ = identity;

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("records").GetContract("kv").EvaluateTransactionAsync("slow", [], TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task EndorseAsync_PeerSlowerThanTimeout_EndorseExceptionDeadlineExceeded()
    {
        var (gateway, identity) = fixture.Connect(new GatewayOptions { EndorseTimeout = _short });
        using var _ = identity;
        var proposal = gateway.GetNetwork("records").GetContract("kv").NewProposal("slow");

        var error = await Assert.ThrowsAsync<EndorseException>(() => proposal.EndorseAsync(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(proposal.TransactionId, error.TransactionId);
    }

    [Fact]
    public async Task SubmitTransactionAsync_CommitStatusSlowerThanTimeout_CommitStatusExceptionDeadlineExceeded()
    {
        var (gateway, identity) = fixture.Connect(new GatewayOptions { CommitStatusTimeout = _short });
        using var _ = identity;

        var error = await Assert.ThrowsAsync<CommitStatusException>(() => gateway.GetNetwork("records").GetContract("kv").SubmitTransactionAsync("slowcommit", [], TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task EvaluateAsync_CancelledWhileWaiting_OperationCanceledException()
    {
        var (gateway, identity) = fixture.Connect(new GatewayOptions { EvaluateTimeout = null });
        using var _ = identity;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        void Cancel() => cts.Cancel();
        fixture.Peer.SlowCallStarted += Cancel;
        try
        {
            var call = gateway.GetNetwork("records").GetContract("kv").EvaluateAsync("slow", cancellationToken: cts.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
        finally
        {
            fixture.Peer.SlowCallStarted -= Cancel;
        }
    }

    [Fact]
    public async Task EvaluateAsync_AlreadyCancelled_ThrowsWithoutCalling()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        fixture.Peer.ResetLastRequests();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.GetNetwork("records").GetContract("kv").EvaluateAsync("echo", cancellationToken: new CancellationToken(true)));

        Assert.Null(fixture.Peer.LastEvaluateRequest);
    }
}
