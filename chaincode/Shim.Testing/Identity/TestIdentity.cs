using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Google.Protobuf;
using MedChain.EmbeddedLedger;

namespace MedChain.Shim.Testing;

/// <summary>
/// A transaction submitter for tests: a self-signed EC P-256 certificate shaped like a Fabric CA
/// enrollment certificate (Fabric CA attributes in extension 1.2.3.4.5.6.7.8.1 as
/// <c>{"attrs":{...}}</c>), its private key, and the msp.SerializedIdentity bytes a peer would
/// pass as the transaction's creator.
/// </summary>
public sealed class TestIdentity : ITransactionCreator, IDisposable
{
    /// <summary>The OID of the Fabric CA attribute extension.</summary>
    public const string AttributeExtensionOid = ClientIdentity.AttributesExtensionOid;

    private static readonly DateTimeOffset _notBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _notAfter = new(2099, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly ECDsa? _key;

    private TestIdentity(string mspId, string commonName, IReadOnlyDictionary<string, string> attributes, X509Certificate2 certificate, ECDsa? key)
    {
        MspId = mspId;
        CommonName = commonName;
        Attributes = attributes;
        Certificate = certificate;
        _key = key;
        CertificatePem = certificate.ExportCertificatePem();
        SerializedIdentity = new MspPb.SerializedIdentity
        {
            Mspid = mspId,
            IdBytes = ByteString.CopyFromUtf8(CertificatePem),
        }.ToByteArray();
        ClientIdentity = MedChain.Shim.ClientIdentity.FromSerializedIdentity(SerializedIdentity);
    }

    /// <summary>The MSP id of the identity's organization.</summary>
    public string MspId { get; }

    /// <summary>The certificate's common name.</summary>
    public string CommonName { get; }

    /// <summary>The Fabric CA attributes in the certificate.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>The serialized msp.SerializedIdentity: the creator of transactions this identity submits.</summary>
    public byte[] SerializedIdentity { get; }

    /// <summary>The identity as a chaincode sees it (the shim's <see cref="Shim.ClientIdentity"/>).</summary>
    public ClientIdentity ClientIdentity { get; }

    /// <summary>
    /// Creates an identity of <paramref name="mspId"/> named <paramref name="commonName"/> with the given
    /// Fabric CA attributes (none: no attribute extension).
    /// </summary>
    /// <exception cref="ArgumentException">An empty MSP id or common name.</exception>
    public static TestIdentity Create(string mspId, string commonName, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        var attrs = attributes is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(attributes, StringComparer.Ordinal);

        var names = new X500DistinguishedNameBuilder();
        names.AddOrganizationName(mspId);
        names.AddOrganizationalUnitName("client");
        names.AddCommonName(commonName);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest(names.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (attrs.Count > 0)
            {
                request.CertificateExtensions.Add(new X509Extension(AttributeExtensionOid, AttributeJson(attrs), critical: false));
            }

            var certificate = request.CreateSelfSigned(_notBefore, _notAfter);
            return new TestIdentity(mspId, commonName, attrs, certificate, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An identity known by its certificate only, as a peer knows a submitter whose certificate its CA issued
    /// (attributes read from the certificate). Its <see cref="Sign"/> gives an empty signature: the peer has already
    /// verified the submitter's own. It takes ownership of <paramref name="certificate"/>.
    /// </summary>
    public static TestIdentity FromCertificate(string mspId, X509Certificate2 certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (certificate.Extensions[AttributeExtensionOid] is { } extension
            && JsonDocument.Parse(extension.RawData).RootElement.TryGetProperty("attrs", out var attrs))
        {
            foreach (var attribute in attrs.EnumerateObject())
            {
                attributes[attribute.Name] = attribute.Value.GetString() ?? string.Empty;
            }
        }

        return new TestIdentity(mspId, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), attributes, certificate, key: null);
    }

    /// <summary>Signs <paramref name="data"/> as Fabric clients do: ECDSA over SHA-256, DER-encoded, low-S.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key is null
            ? []
            : MedChain.FabricClient.Internal.EcdsaSignatures.ToLowSDer(
                _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                MedChain.FabricClient.Internal.EcdsaSignatures.CurveOrder(_key));

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key?.Dispose();
    }

    private static byte[] AttributeJson(Dictionary<string, string> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("attrs");
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
