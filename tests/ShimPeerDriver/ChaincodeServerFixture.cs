using MedChain.Shim;

namespace MedChain.ShimPeerDriver;

/// <summary>A <see cref="ChaincodeServer"/> on 127.0.0.1 with a free port, and peers that connect to it.</summary>
public sealed class ChaincodeServerFixture : IAsyncDisposable
{
    public const string PackageId = "probe_1.0:0123456789abcdef";

    private readonly List<PeerDriver> _drivers = [];

    private ChaincodeServerFixture(ChaincodeServer server, string scheme)
    {
        Server = server;
        Address = $"{scheme}://localhost:{server.Port}";
    }

    public ChaincodeServer Server { get; }

    public string Address { get; }

    public static async Task<ChaincodeServerFixture> StartAsync(IChaincode chaincode, CancellationToken cancellationToken, Action<ChaincodeServerOptions>? configure = null)
    {
        var options = new ChaincodeServerOptions { Address = "127.0.0.1:0", PackageId = PackageId };
        configure?.Invoke(options);
        var server = new ChaincodeServer(chaincode, options);
        await server.StartAsync(cancellationToken);
        return new ChaincodeServerFixture(server, options.TlsDisabled ? "http" : "https");
    }

    public async Task<PeerDriver> ConnectAsync(CancellationToken cancellationToken, PeerLedger? ledger = null, PeerTls? tls = null, bool handshake = true)
    {
        var driver = await PeerDriver.ConnectAsync(Address, cancellationToken, ledger, tls, handshake);
        _drivers.Add(driver);
        return driver;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _drivers)
        {
            await driver.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
