using Grpc.Core;
using MedChain.ShimPeerDriver;
using MedChain.TestSupport;

namespace MedChain.Shim.Tests;

/// <summary>TLS and mutual TLS configured from PEM files, as CHAINCODE_TLS_* gives them.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _ca = TestCertificates.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("shim-tls-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, true);
    }

    private Action<ChaincodeServerOptions> Tls(bool mutual)
    {
        using var serverCertificate = _ca.IssueServerCertificate();
        var (certPath, keyPath) = TestCertificates.WritePemFiles(serverCertificate, _directory, "server");
        var (caPath, _) = TestCertificates.WritePemFiles(_ca.Roots[0], _directory, "ca");
        return o =>
        {
            o.TlsDisabled = false;
            o.CertPath = certPath;
            o.KeyPath = keyPath;
            o.ClientCaCertPath = mutual ? caPath : null;
        };
    }

    [Fact]
    public async Task Connect_Tls_ServesTransactions()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct, Tls(mutual: false));
        var peer = await fixture.ConnectAsync(Ct, tls: new PeerTls(_ca.Roots));

        var reply = await peer.InvokeAsync(Ct, "putget", "k", "over tls");

        Assert.StartsWith("https://", fixture.Address, StringComparison.Ordinal);
        Assert.Equal("over tls", ChaincodeServerTests.Text(reply));
    }

    [Fact]
    public async Task Connect_MutualTlsWithClientCertificate_ServesTransactions()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct, Tls(mutual: true));
        using var clientCertificate = _ca.IssueClientCertificate("peer0.org1");
        var peer = await fixture.ConnectAsync(Ct, tls: new PeerTls(_ca.Roots, clientCertificate));

        var reply = await peer.InvokeAsync(Ct, "putget", "k", "mutual");

        Assert.Equal("mutual", ChaincodeServerTests.Text(reply));
    }

    [Fact]
    public async Task Connect_MutualTlsWithoutClientCertificate_IsRefused()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct, Tls(mutual: true));

        // The server refuses the TLS handshake, so the call fails on the client before any chaincode stream opens.
        var ex = await Record.ExceptionAsync(() => fixture.ConnectAsync(Ct, tls: new PeerTls(_ca.Roots)));

        Assert.True(ex is RpcException { StatusCode: not StatusCode.OK } or IOException, $"unexpected {ex?.GetType().Name ?? "success"}");
        Assert.Equal(0, fixture.Server.ConnectionCount);
    }

    [Fact]
    public async Task Connect_MutualTlsWithCertificateFromOtherCa_IsRefused()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct, Tls(mutual: true));
        using var otherCa = TestCertificates.Create("Other CA");
        using var stranger = otherCa.IssueClientCertificate("peer0.org9");

        var ex = await Record.ExceptionAsync(() => fixture.ConnectAsync(Ct, tls: new PeerTls(_ca.Roots, stranger)));

        // Depending on when the refused handshake surfaces, the first write or the call itself fails.
        Assert.True(ex is RpcException or IOException, $"unexpected {ex?.GetType().Name ?? "success"}");
        Assert.Equal(0, fixture.Server.ConnectionCount);
    }

    [Fact]
    public void Constructor_TlsOnWithMissingFiles_ThrowsWithVariableNames()
    {
        var options = new ChaincodeServerOptions { Address = "127.0.0.1:0", PackageId = "p:1", TlsDisabled = false, CertPath = Path.Combine(_directory, "none.crt") };

        var ex = Assert.Throws<InvalidOperationException>(() => new ChaincodeServer(new ProbeChaincode(), options));

        Assert.Contains("CHAINCODE_TLS_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
