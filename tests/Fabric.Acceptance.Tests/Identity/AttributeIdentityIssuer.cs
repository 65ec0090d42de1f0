using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Identity;

/// <summary>
/// Issues client identities that carry Fabric CA attributes (<c>medchain.role</c>, <c>medchain.id</c>),
/// signed with an organization's CA key from cryptogen's output. cryptogen itself issues no
/// attributes; in production Fabric CA writes the same extension for registered attributes.
/// </summary>
internal static class AttributeIdentityIssuer
{
    /// <summary>The extension Fabric CA writes attributes into: JSON <c>{"attrs":{name:value}}</c>.</summary>
    public const string AttributeExtensionOid = AttributeCertificates.ExtensionOid;

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
        using var certificate = AttributeCertificates.Issue(ca, mspId, commonName, attributes, key, TimeSpan.FromDays(1));

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
