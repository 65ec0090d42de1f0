using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MedChain.FabricClient;
using MedChain.TestSupport;

namespace MedChain.FabricCa.Tests;

/// <summary>Register and enroll against a real fabric-ca-server: attributes land in the certificate; bad credentials are refused.</summary>
public sealed class RegisterEnrollTests(FabricCaServerFixture fixture) : IClassFixture<FabricCaServerFixture>
{
    private static readonly string[] _medchainAttributes = ["medchain.id", "medchain.role"];

    [Theory]
    [InlineData("doctor", "dr-house")]
    [InlineData("patient", "pat-7f3a9c")]
    public async Task RegisterThenEnroll_Person_CertificateCarriesTheirAttributes(string role, string id)
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        var enrollmentId = $"{role}.{id}";
        await fixture.Client.RegisterAsync(Registration(enrollmentId, "s3cret-" + id, role, id), fixture.Registrar, TestContext.Current.CancellationToken);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var enrolled = await fixture.Client.EnrollAsync(new FabricCaEnrollmentRequest(enrollmentId, "s3cret-" + id, key, _medchainAttributes), TestContext.Current.CancellationToken);

        using var certificate = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        var attributes = Attributes(certificate);
        Assert.Equal(role, attributes["medchain.role"]);
        Assert.Equal(id, attributes["medchain.id"]);
        Assert.Equal(enrollmentId, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("OU=client", certificate.Subject, StringComparison.Ordinal);
        using var issued = certificate.GetECDsaPublicKey()!;
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), issued.ExportSubjectPublicKeyInfo());
        using var root = X509CertificateLoader.LoadCertificateFromFile(fixture.Server.CaCertificatePath);
        Assert.Equal(root.Subject, certificate.Issuer);
        Assert.Contains("BEGIN CERTIFICATE", enrolled.CaChainPem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_WrongSecret_RefusedAsAuthenticationFailure()
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        await fixture.Client.RegisterAsync(Registration("doctor.dr-wrong", "right-secret", "doctor", "dr-wrong"), fixture.Registrar, TestContext.Current.CancellationToken);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var refused = await Assert.ThrowsAsync<FabricCaException>(() => fixture.Client.EnrollAsync(
            new FabricCaEnrollmentRequest("doctor.dr-wrong", "wrong-secret", key, _medchainAttributes), TestContext.Current.CancellationToken));

        Assert.Equal(401, refused.StatusCode);
        Assert.True(refused.HasError(FabricCaErrorCodes.AuthenticationFailure));
    }

    [Fact]
    public async Task Register_TokenOfACertificateTheCaNeverIssued_Refused()
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        using var forgerCa = TestCertificates.Create("Forger CA");
        using var forged = forgerCa.IssueClientCertificate("admin");
        using var forger = FabricCaCredential.FromPem(forged.ExportCertificatePem(), TestCertificates.ToPrivateKeyPem(forged));

        var refused = await Assert.ThrowsAsync<FabricCaException>(() => fixture.Client.RegisterAsync(
            Registration("doctor.dr-forged", "x-secret", "doctor", "dr-forged"), forger, TestContext.Current.CancellationToken));

        Assert.Equal(401, refused.StatusCode);
        Assert.True(refused.HasError(FabricCaErrorCodes.AuthenticationFailure));
    }

    [Fact]
    public async Task Register_RegistrarCertificateSignedWithAnotherKey_Refused()
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        // The admin's real certificate, but the token signed by a key that is not its own.
        using var impostor = new FabricCaCredential(fixture.RegistrarPem.CertificatePem, new EcdsaSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256)));

        var refused = await Assert.ThrowsAsync<FabricCaException>(() => fixture.Client.RegisterAsync(
            Registration("doctor.dr-impostor", "x-secret", "doctor", "dr-impostor"), impostor, TestContext.Current.CancellationToken));

        Assert.Equal(401, refused.StatusCode);
    }

    [Fact]
    public async Task Register_Twice_SecondIsRefusedAndModifyGivesANewSecret()
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        var registration = Registration("nurse.n-joy", "first-secret", "nurse", "n-joy");
        await fixture.Client.RegisterAsync(registration, fixture.Registrar, TestContext.Current.CancellationToken);

        var again = await Assert.ThrowsAsync<FabricCaException>(() => fixture.Client.RegisterAsync(registration, fixture.Registrar, TestContext.Current.CancellationToken));
        await fixture.Client.ModifyIdentityAsync("nurse.n-joy", "second-secret", [new("medchain.role", "doctor")], fixture.Registrar, TestContext.Current.CancellationToken);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var enrolled = await fixture.Client.EnrollAsync(new FabricCaEnrollmentRequest("nurse.n-joy", "second-secret", key, _medchainAttributes), TestContext.Current.CancellationToken);

        Assert.True(again.HasError(FabricCaErrorCodes.IdentityAlreadyRegistered));
        using var certificate = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        Assert.Equal("doctor", Attributes(certificate)["medchain.role"]);
        Assert.Equal("n-joy", Attributes(certificate)["medchain.id"]);
    }

    [Fact]
    public async Task Enroll_UnknownCaName_Refused()
    {
        FabricCaServerFixture.SkipUnlessAvailable();
        using var client = fixture.CreateClient("ca-elsewhere");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await Assert.ThrowsAsync<FabricCaException>(() => client.EnrollAsync(
            new FabricCaEnrollmentRequest(FabricCaServerProcess.AdminId, FabricCaServerProcess.AdminSecret, key, []), TestContext.Current.CancellationToken));
    }

    internal static FabricCaRegistration Registration(string enrollmentId, string secret, string role, string id) =>
        new(enrollmentId, secret, [new("medchain.role", role), new("medchain.id", id)]);

    /// <summary>The attributes Fabric CA wrote into the certificate (what chaincode's client identity reads).</summary>
    internal static Dictionary<string, string> Attributes(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[AttributeCertificates.ExtensionOid] ?? throw new Xunit.Sdk.XunitException("No attribute extension.");
        using var json = JsonDocument.Parse(extension.RawData);
        return json.RootElement.GetProperty("attrs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
