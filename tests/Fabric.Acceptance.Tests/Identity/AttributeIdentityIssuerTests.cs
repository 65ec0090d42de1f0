using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MedChain.Fabric.Acceptance.Tests.Identity;

/// <summary>
/// The identities the acceptance tests mint from cryptogen's CA keys. Checked here against a CA
/// laid out the way cryptogen writes it, so these tests need no Fabric and always run.
/// </summary>
public sealed class AttributeIdentityIssuerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medchain-issuer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Issue_DoctorAttributes_WritesAnMspFolderWithAClientCertificateFromTheOrgCa()
    {
        using var ca = WriteCryptogenOrganization(out var organizationDir);

        var identity = AttributeIdentityIssuer.Issue(
            organizationDir,
            "Org1MSP",
            "doctor-1",
            new Dictionary<string, string> { ["medchain.role"] = "doctor", ["medchain.id"] = "d-1" },
            Path.Combine(_dir, "out"));

        Assert.Equal("Org1MSP", identity.MspId);
        using var certificate = X509Certificate2.CreateFromPemFile(identity.CertificatePath, identity.PrivateKeyPath);
        Assert.True(certificate.HasPrivateKey);
        Assert.Contains("OU=client", certificate.Subject, StringComparison.Ordinal);
        Assert.Contains("CN=doctor-1", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(ca.Subject, certificate.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));

        var extension = certificate.Extensions[AttributeIdentityIssuer.AttributeExtensionOid];
        Assert.NotNull(extension);
        Assert.False(extension.Critical);
        // Fabric CA's format: the extension value is the JSON itself, not an ASN.1 string.
        using var attributes = JsonDocument.Parse(extension.RawData);
        var attrs = attributes.RootElement.GetProperty("attrs");
        Assert.Equal("doctor", attrs.GetProperty("medchain.role").GetString());
        Assert.Equal("d-1", attrs.GetProperty("medchain.id").GetString());

        Assert.True(File.Exists(Path.Combine(identity.MspDir, "cacerts", "ca.org1.example-cert.pem")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(organizationDir, "msp", "config.yaml")),
            File.ReadAllText(Path.Combine(identity.MspDir, "config.yaml")));
    }

    [Fact]
    public void Issue_TwoIdentities_HaveDistinctKeysAndSerials()
    {
        using var ca = WriteCryptogenOrganization(out var organizationDir);
        var attributes = new Dictionary<string, string> { ["medchain.role"] = "pharmacist", ["medchain.id"] = "p-1" };

        var first = AttributeIdentityIssuer.Issue(organizationDir, "Org2MSP", "p", attributes, Path.Combine(_dir, "a"));
        var second = AttributeIdentityIssuer.Issue(organizationDir, "Org2MSP", "p", attributes, Path.Combine(_dir, "b"));

        using var a = X509Certificate2.CreateFromPem(File.ReadAllText(first.CertificatePath));
        using var b = X509Certificate2.CreateFromPem(File.ReadAllText(second.CertificatePath));
        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.NotEqual(a.GetPublicKey(), b.GetPublicKey());
    }

    // cryptogen's layout: ca/<ca name>-cert.pem, ca/priv_sk (PKCS#8), msp/config.yaml.
    private X509Certificate2 WriteCryptogenOrganization(out string organizationDir)
    {
        organizationDir = Path.Combine(_dir, "org1.example");
        var caDir = Directory.CreateDirectory(Path.Combine(organizationDir, "ca")).FullName;
        var mspDir = Directory.CreateDirectory(Path.Combine(organizationDir, "msp")).FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ca.org1.example, O=org1.example", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(Path.Combine(caDir, "ca.org1.example-cert.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(caDir, "priv_sk"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(mspDir, "config.yaml"), "NodeOUs:\n  Enable: true\n");
        return X509CertificateLoader.LoadCertificate(ca.RawData);
    }
}
