using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using MedChain.Shim;

namespace MedChain.ShimPeerDriver;

/// <summary>Fabric-like enrollment certificates for proposal creators, made in the test.</summary>
public static class DriverIdentity
{
    public const string AttributesOid = "1.2.3.4.5.6.7.8.1";

    private static readonly Lazy<X509Certificate2> _caCertificate = new(CreateCa);

    public static X509Certificate2 Ca => _caCertificate.Value;

    /// <summary>The issuer of <see cref="Issue"/>'s certificates: Go prints it as this string.</summary>
    public const string CaGoName = "CN=ca.org1.example.com,O=org1.example.com,L=Durham,ST=North Carolina,C=US";

    /// <summary>An enrollment certificate for <paramref name="commonName"/> with optional Fabric CA attributes JSON.</summary>
    public static X509Certificate2 Issue(string commonName, string? attributesJson = null, Action<X500DistinguishedNameBuilder>? extraNames = null)
    {
        // The builder encodes names last-added first; this yields Fabric CA's DER order C, ST, O, OU, OU, CN.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        extraNames?.Invoke(subject);
        subject.AddOrganizationalUnitName("org1");
        subject.AddOrganizationalUnitName("client");
        subject.AddOrganizationName("Hyperledger");
        subject.AddStateOrProvinceName("North Carolina");
        subject.AddCountryOrRegion("US");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        if (attributesJson is not null)
        {
            // Fabric CA writes the JSON itself as the extension value, not wrapped in DER.
            request.CertificateExtensions.Add(new X509Extension(AttributesOid, Encoding.UTF8.GetBytes(attributesJson), false));
        }

        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Ca, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    /// <summary>msp.SerializedIdentity bytes for a certificate.</summary>
    public static byte[] Serialize(string mspId, X509Certificate2 certificate) =>
        new MspPb.SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()) }.ToByteArray();

    private static X509Certificate2 CreateCa()
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("ca.org1.example.com");
        name.AddOrganizationName("org1.example.com");
        name.AddLocalityName("Durham");
        name.AddStateOrProvinceName("North Carolina");
        name.AddCountryOrRegion("US");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = request.CreateSelfSigned(now.AddHours(-2), now.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null);
    }
}
