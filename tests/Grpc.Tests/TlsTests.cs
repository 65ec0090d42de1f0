using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;
using MedChain.TestSupport;

namespace MedChain.Grpc.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _ca = TestCertificates.Create();

    public void Dispose() => _ca.Dispose();

    [Fact]
    public async Task UnaryCallAsync_TlsWithTestCa_Succeeds()
    {
        using var serverCertificate = _ca.IssueServerCertificate();
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate },
            new GrpcChannelOptions { RootCertificates = _ca.Roots },
            host: "localhost");

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "tls" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("TLS", response.Value);
    }

    [Fact]
    public async Task DuplexStreamingCall_Tls_PingPongWorks()
    {
        using var serverCertificate = _ca.IssueServerCertificate();
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate },
            new GrpcChannelOptions { RootCertificates = _ca.Roots });
        var ct = TestContext.Current.CancellationToken;
        using var call = fixture.Invoker.DuplexStreamingCall(TestService.Chat, new CallOptions(CancellationToken: ct));

        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = $"t{i}" }, ct);
            Assert.True(await call.ResponseStream.MoveNext(ct));
            Assert.Equal($"echo:t{i}", call.ResponseStream.Current.Value);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(ct));
    }

    [Fact]
    public async Task UnaryCallAsync_ServerCertificateFromUnknownCa_FailsUnavailable()
    {
        using var otherCa = TestCertificates.Create("Other CA");
        using var serverCertificate = _ca.IssueServerCertificate();
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate },
            new GrpcChannelOptions { RootCertificates = otherCa.Roots });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "x" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_ServerNameOverride_ChecksThatName()
    {
        using var serverCertificate = _ca.IssueServerCertificate("peer0.org1.example.com", "peer0.org1.example.com");
        await using var good = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate },
            new GrpcChannelOptions { RootCertificates = _ca.Roots, ServerNameOverride = "peer0.org1.example.com" });
        using var wrongName = GrpcChannel.ForAddress(
            $"https://127.0.0.1:{good.Server.Port}",
            new GrpcChannelOptions { RootCertificates = _ca.Roots, ServerNameOverride = "peer1.org1.example.com" });
        var ct = TestContext.Current.CancellationToken;

        var response = await good.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "sni" }, new CallOptions(CancellationToken: ct));
        var ex = await Assert.ThrowsAsync<RpcException>(() => wrongName.CreateCallInvoker().UnaryCallAsync(TestService.Unary, new StringValue { Value = "sni" }, new CallOptions(CancellationToken: ct)));

        Assert.Equal("SNI", response.Value);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_MutualTlsWithClientCertificate_ServerSeesIt()
    {
        using var serverCertificate = _ca.IssueServerCertificate();
        using var clientCertificate = _ca.IssueClientCertificate("org1-admin");
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate, ClientCertificateAuthorities = _ca.Roots },
            new GrpcChannelOptions { RootCertificates = _ca.Roots, ClientCertificate = clientCertificate });

        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "mtls" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("MTLS", response.Value);
    }

    [Fact]
    public async Task UnaryCallAsync_MutualTlsWithoutClientCertificate_IsRejected()
    {
        using var serverCertificate = _ca.IssueServerCertificate();
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate, ClientCertificateAuthorities = _ca.Roots },
            new GrpcChannelOptions { RootCertificates = _ca.Roots });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "x" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCallAsync_MutualTlsWithCertificateFromOtherCa_IsRejected()
    {
        using var otherCa = TestCertificates.Create("Other CA");
        using var serverCertificate = _ca.IssueServerCertificate();
        using var foreignClient = otherCa.IssueClientCertificate("intruder");
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate, ClientCertificateAuthorities = _ca.Roots },
            new GrpcChannelOptions { RootCertificates = _ca.Roots, ClientCertificate = foreignClient });

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "x" }, new CallOptions(CancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
