using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// An identity the node issues itself from its organization's CA key at start-up: the peer that signs endorsements,
/// or the admin that runs the chaincode's init. Signs as Fabric's MSPs do (ECDSA P-256 over SHA-256, DER, low S).
/// </summary>
internal sealed class NodeIdentity : ITransactionCreator, IDisposable
{
    private static readonly BigInteger _order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private readonly ECDsa _key;

    private NodeIdentity(string mspId, ECDsa key, X509Certificate2 certificate)
    {
        MspId = mspId;
        _key = key;
        SerializedIdentity = new MspPb.SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem() + "\n") }.ToByteArray();
    }

    public string MspId { get; }

    public byte[] SerializedIdentity { get; }

    /// <summary>Issues an identity named <paramref name="commonName"/> with node OU <paramref name="organizationalUnit"/> (peer, admin).</summary>
    public static NodeIdentity Issue(X509Certificate2 authority, ECDsa authorityKey, string mspId, string commonName, string organizationalUnit, TimeProvider time)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var subject = new X500DistinguishedNameBuilder();
            subject.AddOrganizationName(mspId);
            subject.AddOrganizationalUnitName(organizationalUnit);
            subject.AddCommonName(commonName);
            var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            var now = time.GetUtcNow();
            var notAfter = now.AddDays(365) < authority.NotAfter ? now.AddDays(365) : new DateTimeOffset(authority.NotAfter);
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            // Back-dated a little, as Fabric CA does, so a checker whose clock lags still accepts it.
            using var certificate = request.Create(authority.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), now.AddMinutes(-5), notAfter, serial);
            return new NodeIdentity(mspId, key, certificate);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var der = _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        if (s <= _order / 2)
        {
            return der;
        }

        // Fabric refuses the high-S twin of a signature: use (r, n - s), which verifies the same.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(_order - s);
        }

        return writer.Encode();
    }

    public void Dispose() => _key.Dispose();
}
