using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace MedChain.Fabric.Acceptance.Tests.Identity;

/// <summary>
/// Issues client identities that carry Fabric CA attributes (<c>medchain.role</c>, <c>medchain.id</c>),
/// signed with an organization's CA key from cryptogen's output. cryptogen itself issues no
/// attributes; in production Fabric CA writes the same extension for registered attributes.
/// </summary>
internal static class AttributeIdentityIssuer
{
    /// <summary>The extension Fabric CA writes attributes into: JSON <c>{"attrs":{name:value}}</c>.</summary>
    public const string AttributeExtensionOid = "1.2.3.4.5.6.7.8.1";

    /// <summary>
    /// Writes an MSP folder (signcerts/, keystore/, cacerts/, config.yaml) for a new client of the
    /// organization whose cryptogen folder is <paramref name="organizationDir"/>.
    /// </summary>
    public static IssuedIdentity Issue(
        string organizationDir,
        string mspId,
        string commonName,
        IReadOnlyDictionary<string, string> attributes,
        string outputDir)
    {
        var caDir = Path.Combine(organizationDir, "ca");
        var caCertPath = Directory.GetFiles(caDir, "*-cert.pem").Single();
        using var caKey = ECDsa.Create();
        caKey.ImportFromPem(File.ReadAllText(Path.Combine(caDir, "priv_sk")));
        using var caPublic = X509Certificate2.CreateFromPem(File.ReadAllText(caCertPath));
        using var ca = caPublic.CopyWithPrivateKey(caKey);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // OU=client: cryptogen's MSP config.yaml classifies identities by this node OU.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(mspId);
        subject.AddOrganizationalUnitName("client");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var json = JsonSerializer.Serialize(new { attrs = attributes });
        request.CertificateExtensions.Add(new X509Extension(AttributeExtensionOid, Encoding.UTF8.GetBytes(json), false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1) < ca.NotAfter ? DateTimeOffset.UtcNow.AddDays(1) : new DateTimeOffset(ca.NotAfter);
        using var certificate = request.Create(ca, notBefore, notAfter, serial);

        var msp = Directory.CreateDirectory(outputDir).FullName;
        var certPath = Path.Combine(Directory.CreateDirectory(Path.Combine(msp, "signcerts")).FullName, "cert.pem");
        var keyPath = Path.Combine(Directory.CreateDirectory(Path.Combine(msp, "keystore")).FullName, "priv_sk");
        File.WriteAllText(certPath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        var cacerts = Directory.CreateDirectory(Path.Combine(msp, "cacerts")).FullName;
        File.Copy(caCertPath, Path.Combine(cacerts, Path.GetFileName(caCertPath)), overwrite: true);
        // The peer CLI's local MSP needs the same node OU settings as the organization's MSP.
        File.Copy(Path.Combine(organizationDir, "msp", "config.yaml"), Path.Combine(msp, "config.yaml"), overwrite: true);
        return new IssuedIdentity(mspId, msp, certPath, keyPath);
    }
}

/// <summary>An identity written by <see cref="AttributeIdentityIssuer"/>.</summary>
/// <param name="MspId">Its organization's MSP id.</param>
/// <param name="MspDir">The MSP folder (for the peer CLI's <c>--msp</c>).</param>
/// <param name="CertificatePath">signcerts/cert.pem.</param>
/// <param name="PrivateKeyPath">keystore/priv_sk (PKCS#8 PEM).</param>
public sealed record IssuedIdentity(string MspId, string MspDir, string CertificatePath, string PrivateKeyPath);
