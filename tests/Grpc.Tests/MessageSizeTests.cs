using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

public sealed class MessageSizeTests
{
    private const int _limit = 1024;

    [Fact]
    public async Task UnaryCallAsync_RequestOverClientSendLimit_ResourceExhausted()
    {
        await using var fixture = await ServerFixture.StartAsync(channelOptions: new GrpcChannelOptions { MaxSendMessageSize = _limit });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Upload, Bytes(_limit * 2), ServerFixture.Options()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_RequestOverServerReceiveLimit_ResourceExhausted()
    {
        await using var fixture = await ServerFixture.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = _limit });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Upload, Bytes(_limit * 2), ServerFixture.Options()));
        var small = await fixture.Invoker.UnaryCallAsync(TestService.Upload, Bytes(_limit / 2), ServerFixture.Options());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(_limit / 2, small.Value);
    }

    [Fact]
    public async Task UnaryCallAsync_ResponseOverServerSendLimit_ResourceExhausted()
    {
        await using var fixture = await ServerFixture.StartAsync(new GrpcServerOptions { MaxSendMessageSize = _limit });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Blob, new Int32Value { Value = _limit * 2 }, ServerFixture.Options()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_ResponseOverClientReceiveLimit_ResourceExhausted()
    {
        await using var fixture = await ServerFixture.StartAsync(channelOptions: new GrpcChannelOptions { MaxReceiveMessageSize = _limit });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Blob, new Int32Value { Value = _limit * 2 }, ServerFixture.Options()));
        var small = await fixture.Invoker.UnaryCallAsync(TestService.Blob, new Int32Value { Value = _limit / 2 }, ServerFixture.Options());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(_limit / 2, small.Value.Length);
    }

    [Fact]
    public async Task UnaryCallAsync_LargeMessageUnderDefaultLimits_RoundTrips()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Blob, new Int32Value { Value = 8 * 1024 * 1024 }, ServerFixture.Options());

        Assert.Equal(8 * 1024 * 1024, response.Value.Length);
    }

    private static BytesValue Bytes(int length) => new() { Value = ByteString.CopyFrom(new byte[length]) };
}
