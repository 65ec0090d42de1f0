using System.Security.Cryptography;

namespace MedChain.OffchainStore.Keys;

/// <summary>
/// An organization's EC P-256 encryption key pair, separate from its Fabric signing key. Its private key unwraps
/// the data keys wrapped to <see cref="PublicKey"/>.
/// </summary>
public sealed class OrgKeyPair : IDisposable
{
    private readonly ECDiffieHellman _key;

    private OrgKeyPair(ECDiffieHellman key)
    {
        _key = key;
        PublicKey = OrgPublicKey.FromKey(key);
    }

    /// <summary>The public half, to hand to custodians that wrap keys for this organization.</summary>
    public OrgPublicKey PublicKey { get; }

    /// <summary>The key id (<see cref="OrgPublicKey.KeyId"/>).</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>Generates a new P-256 key pair.</summary>
    public static OrgKeyPair Generate() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Imports a PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC 1) of a P-256 key.</summary>
    public static OrgKeyPair FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrEmpty(pem);
        var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportFromPem(pem);
            _ = ecdh.ExportParameters(true);
            return new OrgKeyPair(ecdh);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdh.Dispose();
            throw new ArgumentException("Not a PEM encoded EC P-256 private key.", nameof(pem), e);
        }
    }

    /// <summary>Imports a DER PKCS#8 private key of a P-256 key.</summary>
    public static OrgKeyPair FromPkcs8(ReadOnlySpan<byte> der)
    {
        var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportPkcs8PrivateKey(der, out _);
            return new OrgKeyPair(ecdh);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdh.Dispose();
            throw new ArgumentException("Not a DER PKCS#8 EC P-256 private key.", nameof(der), e);
        }
    }

    /// <summary>The private key as DER PKCS#8.</summary>
    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>The private key as PEM "PRIVATE KEY" (PKCS#8).</summary>
    public string ExportPkcs8Pem() => _key.ExportPkcs8PrivateKeyPem();

    public override string ToString() => $"P-256 key pair {KeyId}";

    internal byte[] DeriveSharedSecret(ECDiffieHellmanPublicKey peer) => _key.DeriveRawSecretAgreement(peer);

    public void Dispose() => _key.Dispose();
}
