using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace MedChain.Shim.Testing;

/// <summary>
/// <see cref="IClientIdentity"/> over a serialized msp.SerializedIdentity: MSP id, certificate and
/// Fabric CA attributes (extension 1.2.3.4.5.6.7.8.1, <c>{"attrs":{...}}</c>).
/// </summary>
public sealed class TestClientIdentity : IClientIdentity
{
    private readonly Dictionary<string, string> _attributes;

    private TestClientIdentity(string mspId, X509Certificate2 certificate, Dictionary<string, string> attributes)
    {
        MspId = mspId;
        Certificate = certificate;
        _attributes = attributes;
        Id = $"x509::{certificate.Subject}::{certificate.Issuer}";
    }

    /// <inheritdoc />
    public string MspId { get; }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public X509Certificate2 Certificate { get; }

    /// <summary>The identity of the stub's creator.</summary>
    /// <exception cref="FormatException">The creator is not a serialized X.509 identity.</exception>
    public static TestClientIdentity FromStub(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return FromSerializedIdentity(stub.Creator);
    }

    /// <summary>Parses a serialized msp.SerializedIdentity.</summary>
    /// <exception cref="FormatException">Not a serialized identity with a PEM certificate and valid attributes.</exception>
    public static TestClientIdentity FromSerializedIdentity(byte[] serializedIdentity)
    {
        ArgumentNullException.ThrowIfNull(serializedIdentity);
        Msp.SerializedIdentity identity;
        try
        {
            identity = Msp.SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new FormatException("The creator is not a serialized msp.SerializedIdentity.", e);
        }

        var pem = identity.IdBytes.ToStringUtf8();
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE")
        {
            throw new FormatException("The identity carries no PEM certificate.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
        }
        catch (CryptographicException e)
        {
            throw new FormatException("The identity's certificate cannot be read.", e);
        }

        return new TestClientIdentity(identity.Mspid, certificate, ReadAttributes(certificate));
    }

    /// <inheritdoc />
    public string? GetAttributeValue(string name) => _attributes.GetValueOrDefault(name);

    /// <inheritdoc />
    public bool AssertAttributeValue(string name, string value) =>
        _attributes.TryGetValue(name, out var actual) && string.Equals(actual, value, StringComparison.Ordinal);

    private static Dictionary<string, string> ReadAttributes(X509Certificate2 certificate)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var extension = certificate.Extensions[TestIdentity.AttributeExtensionOid];
        if (extension is null)
        {
            return attributes;
        }

        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(extension.RawData));
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("attrs", out var attrs)
                && attrs.ValueKind == JsonValueKind.Object)
            {
                foreach (var attribute in attrs.EnumerateObject())
                {
                    attributes[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.String
                        ? attribute.Value.GetString()!
                        : attribute.Value.GetRawText();
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException("The certificate's attribute extension is not valid JSON.", e);
        }

        return attributes;
    }
}
