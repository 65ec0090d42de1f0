using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using MedChain.Shim;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>An organization's CA, issuing enrolment certificates with Fabric CA attributes, as a channel's MSP trusts it.</summary>
internal sealed class TestCa : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCa(string mspId)
    {
        MspId = mspId;
        var request = new CertificateRequest($"CN=ca.{mspId}, O={mspId}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>A member with <c>medchain.role</c> (and <c>medchain.id</c> when given) in its certificate.</summary>
    public TestMember Issue(string commonName, string role, string? id = null)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = role };
        if (id is not null)
        {
            attributes["medchain.id"] = id;
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, OU=client, O={MspId}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509Extension(ClientIdentity.AttributesExtensionOid, JsonSerializer.SerializeToUtf8Bytes(new { attrs = attributes }), critical: false));
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return new TestMember(MspId, issued.ExportCertificatePem(), key);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}

/// <summary>A member of an organization: its enrolment certificate and key.</summary>
internal sealed class TestMember(string mspId, string certificatePem, ECDsa key) : ITransactionCreator, IDisposable
{
    public string MspId { get; } = mspId;

    public byte[] SerializedIdentity { get; } = new MspPb.SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFrom(certificatePem, Encoding.UTF8) }.ToByteArray();

    public byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => key.Dispose();
}
