using System.Net;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;
using MedChain.TestSupport;

namespace MedChain.Grpc.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Port_BeforeStart_Throws()
    {
        await using var server = new GrpcServer();

        Assert.Throws<InvalidOperationException>(() => server.Port);
    }

    [Fact]
    public async Task StartAsync_PortZero_ReportsTheBoundPort()
    {
        await using var server = new GrpcServer(new GrpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });

        await server.StartAsync(TestContext.Current.CancellationToken);

        Assert.InRange(server.Port, 1, 65535);
    }

    [Fact]
    public async Task AddUnaryMethod_AfterStart_Throws()
    {
        await using var fixture = await ServerFixture.StartAsync();

        Assert.Throws<InvalidOperationException>(() => fixture.Server.AddUnaryMethod(TestService.Missing, (_, _) => Task.FromResult(new Empty())));
    }

    [Fact]
    public async Task AddUnaryMethod_SameMethodTwice_Throws()
    {
        await using var server = new GrpcServer();
        server.AddUnaryMethod(TestService.Missing, (_, _) => Task.FromResult(new Empty()));

        Assert.Throws<ArgumentException>(() => server.AddUnaryMethod(TestService.Missing, (_, _) => Task.FromResult(new Empty())));
    }

    [Fact]
    public async Task StopAsync_TokenFires_RunningCallIsCancelledOnTheServer()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var call = fixture.Invoker.UnaryCallAsync(TestService.Hang, new Empty(), ServerFixture.Options());
        await fixture.HangStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        using var stopNow = new CancellationTokenSource();
        await stopNow.CancelAsync();

        await fixture.Server.StopAsync(stopNow.Token);

        await fixture.HangCancelled.Task.WaitAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<RpcException>(() => call);
    }

    [Fact]
    public async Task StopAsync_NoCalls_NewCallsFailUnavailable()
    {
        await using var fixture = await ServerFixture.StartAsync();

        await fixture.Server.StopAsync(TestContext.Current.CancellationToken);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Server.Port}");
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().UnaryCallAsync(TestService.Unary, new StringValue(), ServerFixture.Options()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task StartAsync_MutualTlsWithoutServerCertificate_Throws()
    {
        using var ca = TestCertificates.Create();
        await using var server = new GrpcServer(new GrpcServerOptions { ClientCertificateAuthorities = ca.Roots });

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StartAsync_ServerCertificateWithoutKey_Throws()
    {
        using var ca = TestCertificates.Create();
        await using var server = new GrpcServer(new GrpcServerOptions { ServerCertificate = ca.Roots[0] });

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ForAddress_TlsSettingsOnCleartextAddress_Throws()
    {
        using var ca = TestCertificates.Create();

        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://127.0.0.1:7051", new GrpcChannelOptions { RootCertificates = ca.Roots }));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:7051")]
    [InlineData("/relative")]
    public void ForAddress_NotHttpAddress_Throws(string address)
    {
        Assert.ThrowsAny<ArgumentException>(() => GrpcChannel.ForAddress(new Uri(address, UriKind.RelativeOrAbsolute)));
    }

    [Fact]
    public void ForAddress_NonPositiveMessageLimit_Throws()
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://127.0.0.1:7051", new GrpcChannelOptions { MaxReceiveMessageSize = 0 }));
    }
}
