using System.Text;
using Grpc.Core;
using MedChain.FabricClient.Tests.Support;
using MedChain.FabricTestPeer;
using MedChain.TestSupport;

namespace MedChain.FabricClient.Tests;

/// <summary>The TLS channel from PEM files, against an in-test peer with a TLS certificate for peer0.org1.example.com.</summary>
public sealed class GatewayConnectionFactoryTests : IAsyncLifetime
{
    private const string _peerHostName = "peer0.org1.example.com";

    private readonly string _dir = Directory.CreateTempSubdirectory("medchain-tls-").FullName;
    private readonly TestCertificates _tlsCa = TestCertificates.Create("Org1 TLS CA");
    private readonly TestCertificates _identityCa = TestCertificates.Create("Org1 CA");
    private GatewayPeer? _peer;
    private string _caPath = string.Empty;
    private string _clientCertPath = string.Empty;
    private string _clientKeyPath = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var serverCertificate = _tlsCa.IssueServerCertificate(_peerHostName, _peerHostName);
        _peer = await GatewayPeer.StartAsync(new TestServerTls(serverCertificate, _tlsCa.Roots));
        _caPath = TestCertificates.WritePemFiles(_tlsCa.Authority, _dir, "ca").CertificatePath;
        File.Delete(Path.Combine(_dir, "ca.key"));
        using var client = _tlsCa.IssueClientCertificate("client");
        (_clientCertPath, var key) = TestCertificates.WritePemFiles(client, _dir, "client");
        _clientKeyPath = key!;
    }

    private async Task<string> EvaluateEchoAsync(GatewayConnectionOptions options)
    {
        using var channel = await GatewayConnectionFactory.CreateChannelAsync(options, TestContext.Current.CancellationToken);
        using var identity = TestIdentity.Issue(_identityCa);
        var gateway = Gateway.Connect(identity.Identity, identity.Signer, channel, GatewayPeerFixture.Unhurried);
        var result = await gateway.GetNetwork("records").GetContract("kv").EvaluateTransactionAsync("echo", ["tls"], TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(result);
    }

    [Fact]
    public async Task CreateChannelAsync_MutualTlsWithServerNameOverride_Evaluates()
    {
        var result = await EvaluateEchoAsync(new GatewayConnectionOptions
        {
            Endpoint = $"127.0.0.1:{_peer!.Port}",
            TlsRootCertificatePath = _caPath,
            ClientCertificatePath = _clientCertPath,
            ClientKeyPath = _clientKeyPath,
            ServerNameOverride = _peerHostName,
        });

        Assert.Equal("tls", result);
    }

    [Fact]
    public async Task CreateChannelAsync_WrongServerName_FailsUnavailable()
    {
        var error = await Assert.ThrowsAsync<GatewayException>(() => EvaluateEchoAsync(new GatewayConnectionOptions
        {
            Endpoint = $"127.0.0.1:{_peer!.Port}",
            TlsRootCertificatePath = _caPath,
            ClientCertificatePath = _clientCertPath,
            ClientKeyPath = _clientKeyPath,
            ServerNameOverride = "peer9.org9.example.com",
        }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task CreateChannelAsync_KeyWithoutCertificate_ThrowsArgumentException()
    {
        var options = new GatewayConnectionOptions { Endpoint = "localhost:7051", TlsRootCertificatePath = _caPath, ClientKeyPath = _clientKeyPath };

        await Assert.ThrowsAsync<ArgumentException>(() => GatewayConnectionFactory.CreateChannelAsync(options, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateChannelAsync_MissingCaFile_ThrowsFileNotFound()
    {
        var options = new GatewayConnectionOptions { Endpoint = "localhost:7051", TlsRootCertificatePath = Path.Combine(_dir, "none.pem") };

        await Assert.ThrowsAsync<FileNotFoundException>(() => GatewayConnectionFactory.CreateChannelAsync(options, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateChannelAsync_CaFileWithoutCertificate_ThrowsInvalidData()
    {
        var path = Path.Combine(_dir, "empty.pem");
        await File.WriteAllTextAsync(path, "not a certificate", TestContext.Current.CancellationToken);
        var options = new GatewayConnectionOptions { Endpoint = "localhost:7051", TlsRootCertificatePath = path };

        await Assert.ThrowsAsync<InvalidDataException>(() => GatewayConnectionFactory.CreateChannelAsync(options, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("peer:7051", null, "http://peer:7051/")]
    [InlineData("peer:7051", "ca.pem", "https://peer:7051/")]
    [InlineData("https://peer:7051", null, "https://peer:7051/")]
    public void Validate_Endpoint_SchemeFollowsTls(string endpoint, string? ca, string expected)
    {
        var options = new GatewayConnectionOptions { Endpoint = endpoint, TlsRootCertificatePath = ca };

        options.Validate();

        Assert.Equal(expected, options.Address().ToString());
    }

    [Fact]
    public void Validate_CleartextWithTlsFiles_Throws()
    {
        var options = new GatewayConnectionOptions { Endpoint = "http://peer:7051", TlsRootCertificatePath = "ca.pem" };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    public async ValueTask DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        _tlsCa.Dispose();
        _identityCa.Dispose();
        Directory.Delete(_dir, true);
    }
}
