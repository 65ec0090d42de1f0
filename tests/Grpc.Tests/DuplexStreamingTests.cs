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
}
