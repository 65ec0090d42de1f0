using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

public sealed class UnaryCallTests
{
    [Fact]
    public async Task UnaryCallAsync_H2c_ReturnsHandlerResponse()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "hello" }, ServerFixture.Options());

        Assert.Equal("HELLO", response.Value);
    }

    [Fact]
    public async Task UnaryCallAsync_TextHeader_ReachesTheHandler()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "a" }, ServerFixture.Options(headers: new Metadata { { "x-suffix", "!" } }));

        Assert.Equal("A!", response.Value);
    }

    [Fact]
    public async Task UnaryCallAsync_UnknownMethod_FailsUnimplemented()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Missing, new Empty(), ServerFixture.Options()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_HandlerThrowsRpcExceptionWithDetails_ClientGetsStatusAndDetails()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Fail, new StringValue { Value = "details" }, ServerFixture.Options()));

        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("endorsement failed – peer said no", ex.Status.Detail);
        var detailsBytes = ex.Trailers.GetValueBytes("grpc-status-details-bin");
        Assert.NotNull(detailsBytes);
        var details = Google.Rpc.Status.Parser.ParseFrom(detailsBytes);
        Assert.Equal((int)StatusCode.Aborted, details.Code);
        var errorDetail = Assert.Single(details.Details).Unpack<Gateway.ErrorDetail>();
        Assert.Equal("Org1MSP", errorDetail.MspId);
        Assert.Equal("peer0.org1:7051", errorDetail.Address);
        Assert.Equal("chaincode response 500", errorDetail.Message);
    }

    [Fact]
    public async Task UnaryCallAsync_HandlerSetsContextStatus_ClientGetsThatStatus()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Fail, new StringValue { Value = "status" }, ServerFixture.Options()));

        Assert.Equal(new Status(StatusCode.NotFound, "no such record"), ex.Status);
        Assert.Equal("missing", ex.Trailers.GetValue("x-reason"));
    }

    [Fact]
    public async Task UnaryCallAsync_HandlerThrowsOtherException_UnknownWithoutItsMessage()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Fail, new StringValue { Value = "crash" }, ServerFixture.Options()));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryCallAsync_Cancelled_ClientGetsCancelledAndServerObservesIt()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = fixture.Invoker.UnaryCallAsync(TestService.Hang, new Empty(), new CallOptions(CancellationToken: cts.Token));
        await fixture.HangStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        // Completes only if the RST_STREAM reached the handler's CancellationToken.
        await fixture.HangCancelled.Task.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task UnaryCallAsync_DeadlinePasses_FailsDeadlineExceededAndServerObservesIt()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Invoker.UnaryCallAsync(TestService.Hang, new Empty(), ServerFixture.Options(deadline: DateTime.UtcNow.AddMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await fixture.HangCancelled.Task.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task UnaryCallAsync_DeadlineAlreadyPassed_FailsWithoutReachingTheServer()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Invoker.UnaryCallAsync(TestService.Hang, new Empty(), ServerFixture.Options(deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.False(fixture.HangStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task UnaryCallAsync_NoServerListening_FailsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{MedChain.TestSupport.FreePort.Next()}");

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().UnaryCallAsync(TestService.Unary, new StringValue(), new CallOptions(CancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
