using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MedChain.FabricClient;

/// <summary>
/// Client enrolment certificates as Fabric CA issues them: subject O=MSP, OU=client, CN=name, and the registered
/// attributes in extension 1.2.3.4.5.6.7.8.1 as JSON <c>{"attrs":{name:value}}</c>, which chaincode reads through
/// its client identity. For networks whose CA key the organization holds (cryptogen, local networks).
/// </summary>
public static class AttributeCertificates
{
    /// <summary>The extension Fabric CA writes attributes into.</summary>
    public const string ExtensionOid = "1.2.3.4.5.6.7.8.1";

    /// <summary>The attribute extension for <paramref name="attributes"/>.</summary>
    public static X509Extension CreateExtension(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var sorted = new SortedDictionary<string, string>(attributes.ToDictionary(), StringComparer.Ordinal);
        return new X509Extension(ExtensionOid, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["attrs"] = sorted }), critical: false);
    }

    /// <summary>
    /// Issues a client certificate for <paramref name="subjectKey"/> signed by <paramref name="certificateAuthority"/>
    /// (which must carry its private key), valid for <paramref name="lifetime"/> but never beyond the CA.
    /// </summary>
    public static X509Certificate2 Issue(
        X509Certificate2 certificateAuthority,
        string mspId,
        string commonName,
        IReadOnlyDictionary<string, string> attributes,
        ECDsa subjectKey,
        TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(certificateAuthority);
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        ArgumentNullException.ThrowIfNull(subjectKey);

        // OU=client: the MSP's node OU configuration classifies identities by it.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(mspId);
        subject.AddOrganizationalUnitName("client");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificateAuthority, true, false));
        request.CertificateExtensions.Add(CreateExtension(attributes));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + lifetime < certificateAuthority.NotAfter ? now + lifetime : new DateTimeOffset(certificateAuthority.NotAfter);
        // Back-dated a little: peers whose clocks lag must not see a certificate from the future. Never before
        // the CA itself, though: a CA made a minute ago (make run's development CAs) issues from its own start.
        var notBefore = now.AddMinutes(-5) > certificateAuthority.NotBefore ? now.AddMinutes(-5) : new DateTimeOffset(certificateAuthority.NotBefore);
        return request.Create(certificateAuthority, notBefore, notAfter, serial);
    }
}
