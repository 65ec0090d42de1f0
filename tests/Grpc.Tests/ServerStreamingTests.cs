using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

public sealed class ServerStreamingTests
{
    [Fact]
    public async Task ServerStreamingCall_ReadsAllMessagesInOrder_ThenOk()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var token = new byte[] { 0, 1, 2, 250, 255 };
        using var call = fixture.Invoker.ServerStreamingCall(TestService.Count, new Int32Value { Value = 5 }, ServerFixture.Options(headers: new Metadata { { "x-token-bin", token } }));

        var values = new List<int>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            values.Add(message.Value);
        }

        Assert.Equal([0, 1, 2, 3, 4], values);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(token, call.GetTrailers().GetValueBytes("x-token-bin"));
    }

    [Fact]
    public async Task ServerStreamingCall_NoMessages_EndsOk()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var call = fixture.Invoker.ServerStreamingCall(TestService.Count, new Int32Value { Value = 0 }, ServerFixture.Options());

        Assert.False(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreamingCall_GetStatusBeforeEnd_Throws()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var call = fixture.Invoker.ServerStreamingCall(TestService.Count, new Int32Value { Value = 3 }, ServerFixture.Options());

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
    }

    [Fact]
    public async Task ServerStreamingCall_HandlerWritesFromManyTasks_EveryMessageArrivesIntact()
    {
        await using var fixture = await ServerFixture.StartAsync();
        const int count = 64;
        using var call = fixture.Invoker.ServerStreamingCall(TestService.Burst, new Int32Value { Value = count }, ServerFixture.Options());

        var received = new List<string>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            received.Add(message.Value);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(TestService.Payload).Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ServerStreamingCall_Dispose_CancelsTheServerSide()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var call = fixture.Invoker.ServerStreamingCall(TestService.Count, new Int32Value { Value = int.MaxValue }, ServerFixture.Options());
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        call.Dispose();

        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        var after = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "still" }, ServerFixture.Options());
        Assert.Equal("STILL", after.Value);
    }
}
