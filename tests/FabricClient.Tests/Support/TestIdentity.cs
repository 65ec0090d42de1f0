using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricClient;
using MedChain.TestSupport;

namespace MedChain.FabricClient.Tests.Support;

/// <summary>A client identity issued by a throw-away CA, as PEM and as client objects.</summary>
internal sealed class TestIdentity : IDisposable
{
    private TestIdentity(string mspId, string certificatePem, string privateKeyPem)
    {
        MspId = mspId;
        CertificatePem = certificatePem;
        PrivateKeyPem = privateKeyPem;
        Identity = new Identity(mspId, System.Text.Encoding.UTF8.GetBytes(certificatePem));
        Signer = EcdsaSigner.FromPem(privateKeyPem);
    }

    public string MspId { get; }

    public string CertificatePem { get; }

    public string PrivateKeyPem { get; }

    public Identity Identity { get; }

    public EcdsaSigner Signer { get; }

    public static TestIdentity Issue(TestCertificates ca, string mspId = "Org1MSP", string name = "user1")
    {
        using var certificate = ca.IssueClientCertificate(name);
        return new TestIdentity(mspId, TestCertificates.ToCertificatePem(certificate), TestCertificates.ToPrivateKeyPem(certificate));
    }

    /// <summary>A self-signed identity on <paramref name="curve"/> (the CA issues P-256 only).</summary>
    public static TestIdentity SelfSigned(ECCurve curve, string mspId = "Org1MSP")
    {
        using var key = ECDsa.Create(curve);
        var request = new CertificateRequest("CN=self, O=MedChain Tests", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        return new TestIdentity(mspId, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => Signer.Dispose();
}
