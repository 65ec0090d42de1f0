using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.TestSupport;

/// <summary>
/// A throw-away certificate authority for tests, made in memory: an EC P-256 CA that issues a server certificate
/// (SAN localhost, 127.0.0.1, ::1) and client certificates. Every certificate with a key went through a PFX
/// round trip, so its private key works with SslStream and Kestrel on Linux as well as Windows.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly Oid _serverAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid _clientAuth = new("1.3.6.1.5.5.7.3.2");

    private TestCertificates(X509Certificate2 authority)
    {
        Authority = authority;
        Roots = [X509CertificateLoader.LoadCertificate(authority.RawData)];
    }

    /// <summary>The CA's certificate with its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The CA's certificate alone, as a trust store for clients and servers.</summary>
    public X509Certificate2Collection Roots { get; }

    /// <summary>Creates a new CA named <paramref name="name"/>, valid from an hour ago for 30 days (leaves: 7 days).</summary>
    public static TestCertificates Create(string name = "MedChain Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}, O=MedChain Tests"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var authority = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(30));
        return new TestCertificates(ReloadWithKey(authority));
    }

    /// <summary>A server certificate for localhost, 127.0.0.1 and ::1 plus <paramref name="extraDnsNames"/>.</summary>
    public X509Certificate2 IssueServerCertificate(string commonName = "localhost", params string[] extraDnsNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in extraDnsNames)
        {
            names.AddDnsName(name);
        }

        return Issue(commonName, _serverAuth, names.Build());
    }

    /// <summary>A client certificate (for mutual TLS) named <paramref name="commonName"/>, valid until <paramref name="notAfter"/> (default 7 days).</summary>
    public X509Certificate2 IssueClientCertificate(string commonName = "client", DateTimeOffset? notAfter = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        return Issue(commonName, _clientAuth, names.Build(), notAfter);
    }

    private X509Certificate2 Issue(string commonName, Oid usage, X509Extension subjectAlternativeNames, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=MedChain Tests"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(subjectAlternativeNames);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        var until = notAfter ?? now.AddDays(7);
        using var issued = request.Create(Authority, until < now ? until.AddMinutes(-30) : now.AddHours(-1), until, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return ReloadWithKey(withKey);
    }

    /// <summary>The certificate as PEM (<c>-----BEGIN CERTIFICATE-----</c>).</summary>
    public static string ToCertificatePem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }

    /// <summary>The certificate's private key as unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    public static string ToPrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no EC private key.", nameof(certificate));
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Writes <c>{name}.crt</c> and, if it has a key, <c>{name}.key</c> (PEM) into <paramref name="directory"/>; returns their paths.</summary>
    public static (string CertificatePath, string? KeyPath) WritePemFiles(X509Certificate2 certificate, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, name + ".crt");
        File.WriteAllText(certificatePath, ToCertificatePem(certificate));
        if (!certificate.HasPrivateKey)
        {
            return (certificatePath, null);
        }

        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(keyPath, ToPrivateKeyPem(certificate));
        return (certificatePath, keyPath);
    }

    /// <summary>Ephemeral keys are not usable by SslStream on every platform; a PFX round trip gives a persisted one.</summary>
    private static X509Certificate2 ReloadWithKey(X509Certificate2 certificate)
    {
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
    }

    public void Dispose()
    {
        Authority.Dispose();
        foreach (var root in Roots)
        {
            root.Dispose();
        }
    }
}
