using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

public sealed class DuplexStreamingTests
{
    [Fact]
    public async Task DuplexStreamingCall_PingPong_RepliesInterleaveWithRequests()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: ct));

        // Each request is sent only after the previous reply arrived: this deadlocks unless both directions stream.
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = $"m{i}" }, ct);
            Assert.True(await call.ResponseStream.MoveNext(ct));
            Assert.Equal($"echo:m{i}", call.ResponseStream.Current.Value);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("done", call.GetTrailers().GetValue("x-end"));
    }

    [Fact]
    public async Task DuplexStreamingCall_ServerSpeaksFirst_ClientReadsBeforeWritingAnything()
    {
        await using var fixture = await ServerFixture.StartAsync();

        // The bound only turns a hang into a failure: the call must start before the client writes.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Greet, new CallOptions(CancellationToken: bound.Token));

        Assert.True(await call.ResponseStream.MoveNext(bound.Token));
        Assert.Equal("hello", call.ResponseStream.Current.Value);
        await call.RequestStream.WriteAsync(new StringValue { Value = "x" }, bound.Token);
        Assert.True(await call.ResponseStream.MoveNext(bound.Token));
        Assert.Equal("echo:x", call.ResponseStream.Current.Value);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(bound.Token));
    }

    [Fact]
    public async Task DuplexStreamingCall_ConcurrentWriters_EveryFrameArrivesIntact()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: ct));
        const int count = 64;

        var reading = Task.Run(async () =>
        {
            var received = new List<string>();
            await foreach (var reply in call.ResponseStream.ReadAllAsync(ct))
            {
                received.Add(reply.Value);
            }

            return received;
        }, ct);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Task.Run(() => call.RequestStream.WriteAsync(new StringValue { Value = TestService.Payload(i) }, ct), ct)));
        await call.RequestStream.CompleteAsync();
        var received = await reading;

        var expected = Enumerable.Range(0, count).Select(i => "echo:" + TestService.Payload(i)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, received.Order(StringComparer.Ordinal));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task DuplexStreamingCall_Cancelled_ReadFailsCancelledAndServerKeepsServing()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(new StringValue { Value = "one" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var writeEx = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue { Value = "two" }, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal(StatusCode.Cancelled, writeEx.StatusCode);
        var after = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "next" }, ServerFixture.Options());
        Assert.Equal("NEXT", after.Value);
    }

    [Fact]
    public async Task DuplexStreamingCall_RequestOverServerLimit_ResourceExhausted()
    {
        await using var fixture = await ServerFixture.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = 100 });
        var ct = TestContext.Current.CancellationToken;
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: ct));

        await call.RequestStream.WriteAsync(new StringValue { Value = new string('x', 1000) }, ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(ct));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task DuplexStreamingCall_WriteAfterComplete_Throws()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: ct));

        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new StringValue { Value = "late" }, ct));
        Assert.False(await call.ResponseStream.MoveNext(ct));
    }
}
