using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.FabricCa;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// <c>Enrollment:Mode=FabricCa</c> against a real fabric-ca-server: a person's first authenticated call registers
/// and enrols them, and the chain sees that person. Skipped without FABRIC_CA_HOME.
/// </summary>
public sealed class FabricCaEnrollmentTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-gateway-ca-").FullName;
    private FabricCaServerProcess? _ca;

    [Fact]
    public async Task AnyCall_FirstTime_RegistersAndEnrolsThePersonAtTheFabricCa()
    {
        if (FabricCaServerProcess.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var ca = _ca!;
        using var root = X509CertificateLoader.LoadCertificateFromFile(ca.CaCertificatePath);
        // The peer's MSP trusts what this CA issues, as a channel would with the organization's Fabric CA root.
        fixture.Peer.AdmitIssuedBy(GatewayServiceFixture.Hospital, root);
        await using var factory = fixture.WithSettings(await SettingsAsync(ca));
        using var client = fixture.CreateClient(factory, subject: "dr-fabric-ca", role: "doctor");

        using var response = await client.GetAsync(new Uri("/api/records/rec-ca-probe", UriKind.Relative), TestContext.Current.CancellationToken);

        // 404 from the chaincode: the call went through, signed with the new enrolment.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stored = await ReadStoredIdentityAsync("doctor.dr-fabric-ca.json");
        using var certificate = X509Certificate2.CreateFromPem(stored.GetProperty("certificatePem").GetString());
        Assert.Equal(root.Subject, certificate.Issuer);
        Assert.Equal("doctor.dr-fabric-ca", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        var attributes = JsonDocument.Parse(certificate.Extensions["1.2.3.4.5.6.7.8.1"]!.RawData).RootElement.GetProperty("attrs");
        Assert.Equal("dr-fabric-ca", attributes.GetProperty("medchain.id").GetString());
        Assert.Equal("doctor", attributes.GetProperty("medchain.role").GetString());
        Assert.DoesNotContain("PRIVATE KEY", stored.GetRawText(), StringComparison.Ordinal);
    }

    public async ValueTask InitializeAsync()
    {
        if (FabricCaServerProcess.SkipReason is null)
        {
            _ca = await FabricCaServerProcess.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ca is not null)
        {
            await _ca.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>FabricCa mode with the bootstrap admin, enrolled here, as the registrar.</summary>
    private async Task<Dictionary<string, string?>> SettingsAsync(FabricCaServerProcess ca)
    {
        using var client = FabricCaClient.Create(new FabricCaClientOptions { Url = ca.Url, CaName = FabricCaServerProcess.CaName, TlsRootCertificatePath = ca.CaCertificatePath });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var admin = await client.EnrollAsync(
            new FabricCaEnrollmentRequest(FabricCaServerProcess.AdminId, FabricCaServerProcess.AdminSecret, key, []), TestContext.Current.CancellationToken);
        var certificatePath = Path.Combine(_directory, "registrar-cert.pem");
        var keyPath = Path.Combine(_directory, "registrar-key.pem");
        await File.WriteAllTextAsync(certificatePath, admin.CertificatePem, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        return new Dictionary<string, string?>
        {
            ["Enrollment:Mode"] = "FabricCa",
            ["Enrollment:FabricCaUrl"] = ca.Url.ToString(),
            ["Enrollment:FabricCaName"] = FabricCaServerProcess.CaName,
            ["Enrollment:FabricCaTlsRootCertificatePath"] = ca.CaCertificatePath,
            ["Enrollment:RegistrarCertificatePath"] = certificatePath,
            ["Enrollment:RegistrarPrivateKeyPath"] = keyPath,
            ["Enrollment:IdentitiesContainer"] = "medchain-identities-ca",
        };
    }

    private async Task<JsonElement> ReadStoredIdentityAsync(string name)
    {
        var blobs = new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));
        var content = await blobs.GetBlobContainerClient("medchain-identities-ca").GetBlobClient(name).DownloadContentAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(content.Value.Content.ToString()).RootElement;
    }
}
