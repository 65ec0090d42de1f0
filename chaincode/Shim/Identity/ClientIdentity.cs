using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Google.Protobuf;

namespace MedChain.Shim;

/// <summary>
/// The submitter of a transaction, read from the creator (msp.SerializedIdentity) of its proposal,
/// like Fabric's Go <c>cid</c> package: MSP id, X.509 certificate, Fabric's id string and the
/// Fabric CA attributes of certificate extension 1.2.3.4.5.6.7.8.1.
/// </summary>
public sealed class ClientIdentity : IClientIdentity
{
    /// <summary>The OID of the extension in which Fabric CA puts enrollment attributes as JSON.</summary>
    public const string AttributesExtensionOid = "1.2.3.4.5.6.7.8.1";

    private readonly IReadOnlyDictionary<string, string> _attributes;

    private ClientIdentity(string mspId, X509Certificate2 certificate, IReadOnlyDictionary<string, string> attributes)
    {
        MspId = mspId;
        Certificate = certificate;
        _attributes = attributes;
        Subject = FabricDistinguishedName.Format(certificate.SubjectName);
        Issuer = FabricDistinguishedName.Format(certificate.IssuerName);
        Id = $"x509::{Subject}::{Issuer}";
    }

    public string MspId { get; }

    /// <summary>
    /// <c>x509::{subject}::{issuer}</c> with both names as Go prints them, e.g.
    /// <c>x509::CN=user1,OU=client,O=Hyperledger,ST=North Carolina,C=US::CN=ca.org1.example.com,O=org1.example.com,...</c>.
    /// (Go's cid.GetID returns the base64 of this string.)
    /// </summary>
    public string Id { get; }

    /// <summary>The certificate's subject as Go prints it.</summary>
    public string Subject { get; }

    /// <summary>The certificate's issuer as Go prints it.</summary>
    public string Issuer { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Every Fabric CA attribute of the certificate.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    /// <summary>The identity of the transaction's submitter.</summary>
    public static ClientIdentity FromStub(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        if (stub.Creator.Length == 0)
        {
            throw new InvalidOperationException("The transaction has no creator: it came without a signed proposal.");
        }

        return FromSerializedIdentity(stub.Creator);
    }

    /// <summary>Reads a serialized msp.SerializedIdentity holding a PEM X.509 certificate.</summary>
    public static ClientIdentity FromSerializedIdentity(byte[] serializedIdentity)
    {
        ArgumentNullException.ThrowIfNull(serializedIdentity);
        MspPb.SerializedIdentity identity;
        try
        {
            identity = MspPb.SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"The creator is not a serialized MSP identity: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(identity.Mspid))
        {
            throw new FormatException("The creator has no MSP id.");
        }

        var certificate = LoadPemCertificate(identity.IdBytes.ToStringUtf8());
        return new ClientIdentity(identity.Mspid, certificate, ReadAttributes(certificate));
    }

    public string? GetAttributeValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _attributes.TryGetValue(name, out var value) ? value : null;
    }

    public bool AssertAttributeValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Equals(GetAttributeValue(name), value, StringComparison.Ordinal);
    }

    /// <summary>True when the subject has this organizational unit (Go's cid.HasOUValue).</summary>
    public bool HasOrganizationalUnit(string organizationalUnit)
    {
        ArgumentNullException.ThrowIfNull(organizationalUnit);
        return Certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == "2.5.4.11")
            .Any(r => string.Equals(r.GetSingleElementValue(), organizationalUnit, StringComparison.Ordinal));
    }

    private static X509Certificate2 LoadPemCertificate(string pem)
    {
        var span = pem.AsSpan();
        while (PemEncoding.TryFind(span, out var fields))
        {
            if (span[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(span[fields.Base64Data].ToString()));
                }
                catch (CryptographicException ex)
                {
                    throw new FormatException($"The creator's certificate cannot be read: {ex.Message}", ex);
                }
            }

            span = span[fields.Location.End..];
        }

        throw new FormatException("Expecting a PEM-encoded X509 certificate in the creator; PEM block not found.");
    }

    private static Dictionary<string, string> ReadAttributes(X509Certificate2 certificate)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var extension = certificate.Extensions[AttributesExtensionOid];
        if (extension is null)
        {
            return result;
        }

        // Fabric CA stores the JSON {"attrs":{"name":"value",...}} as the raw extension value.
        try
        {
            using var document = JsonDocument.Parse(extension.RawData);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("attrs", out var attrs)
                && attrs.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in attrs.EnumerateObject())
                {
                    result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The certificate's attribute extension ({AttributesExtensionOid}) is not JSON: {ex.Message}", ex);
        }

        return result;
    }

    /// <summary>The identity string, for logs.</summary>
    public override string ToString() => $"{MspId} {Id}";
}
