using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

public sealed class UnaryCallTests
{
    [Fact]
    public async Task UnaryCallAsync_H2c_ReturnsHandlerResponse()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "hello" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("HELLO", response.Value);
    }

    [Fact]
    public async Task UnaryCallAsync_Metadata_TextAndBinaryReachTheServer()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var token = new byte[] { 0, 1, 2, 250, 255 };
        var headers = new Metadata { { "x-suffix", "!" }, { "x-token-bin", token } };

        var call = fixture.Invoker.ServerStreamingCall(TestService.Count, new Int32Value { Value = 0 }, new CallOptions(headers, CancellationToken: TestContext.Current.CancellationToken));
        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "a" }, new CallOptions(headers, CancellationToken: TestContext.Current.CancellationToken));
        call.Dispose();

        Assert.Equal("A!", response.Value);
    }
}
