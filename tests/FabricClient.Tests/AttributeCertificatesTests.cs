using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.FabricClient.Tests;

public sealed class AttributeCertificatesTests
{
    [Fact]
    public void Issue_ByACaMadeJustNow_StartsNoEarlierThanTheCa_AndChainsToIt()
    {
        // As make run's development CAs (openssl req -x509): valid from the second it was made.
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ca.Org1MSP, O=Org1MSP", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        using var subjectKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var issued = AttributeCertificates.Issue(ca, "Org1MSP", "dr-house", new Dictionary<string, string> { ["medchain.role"] = "doctor" }, subjectKey, TimeSpan.FromHours(1));

        Assert.Equal(ca.NotBefore, issued.NotBefore);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(issued));
    }
}
