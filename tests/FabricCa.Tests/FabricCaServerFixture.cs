using MedChain.TestSupport;

namespace MedChain.FabricCa.Tests;

/// <summary>
/// One real fabric-ca-server for the test class, and its bootstrap admin enrolled as the registrar through the
/// client under test. Without FABRIC_CA_HOME nothing starts and every test using it skips itself.
/// </summary>
public sealed class FabricCaServerFixture : IAsyncLifetime
{
    private FabricCaServerProcess? _server;
    private FabricCaClient? _client;
    private FabricCaCredential? _registrar;

    public FabricCaServerProcess Server => _server ?? throw Skipped();

    public FabricCaClient Client => _client ?? throw Skipped();

    /// <summary>The bootstrap admin's enrolment (registrar).</summary>
    public FabricCaCredential Registrar => _registrar ?? throw Skipped();

    /// <summary>The admin's certificate and key as PEM, for services configured with files.</summary>
    public (string CertificatePem, string PrivateKeyPem) RegistrarPem { get; private set; }

    /// <summary>Skips the calling test when no server can run here.</summary>
    public static void SkipUnlessAvailable()
    {
        if (FabricCaServerProcess.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>A client of this server under <paramref name="caName"/>.</summary>
    public FabricCaClient CreateClient(string? caName = FabricCaServerProcess.CaName) =>
        FabricCaClient.Create(new FabricCaClientOptions { Url = Server.Url, CaName = caName, TlsRootCertificatePath = Server.CaCertificatePath });

    public async ValueTask InitializeAsync()
    {
        if (FabricCaServerProcess.SkipReason is not null)
        {
            return;
        }

        _server = await FabricCaServerProcess.StartAsync(TestContext.Current.CancellationToken);
        _client = CreateClient();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var admin = await _client.EnrollAsync(
            new FabricCaEnrollmentRequest(FabricCaServerProcess.AdminId, FabricCaServerProcess.AdminSecret, key, []),
            TestContext.Current.CancellationToken);
        RegistrarPem = (admin.CertificatePem, key.ExportPkcs8PrivateKeyPem());
        _registrar = FabricCaCredential.FromPem(RegistrarPem.CertificatePem, RegistrarPem.PrivateKeyPem);
    }

    public async ValueTask DisposeAsync()
    {
        _registrar?.Dispose();
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static InvalidOperationException Skipped() =>
        new(FabricCaServerProcess.SkipReason ?? "The Fabric CA server fixture did not start.");
}
