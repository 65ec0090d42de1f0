using System.Security.Cryptography;

namespace MedChain.OffchainStore.Keys;

/// <summary>
/// An organization's EC P-256 public encryption key (not its Fabric signing key). Data keys are wrapped to it.
/// </summary>
public sealed class OrgPublicKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private OrgPublicKey(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = ComputeKeyId(subjectPublicKeyInfo);
    }

    /// <summary>Hex of the first 16 bytes of SHA-256(SubjectPublicKeyInfo DER): 32 lower-case hex characters.</summary>
    public string KeyId { get; }

    /// <summary>Imports a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) of a P-256 key.</summary>
    public static OrgPublicKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrEmpty(pem);
        using var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("Not a PEM encoded EC public key.", nameof(pem), e);
        }

        return FromKey(ecdh);
    }

    /// <summary>Imports a DER SubjectPublicKeyInfo of a P-256 key.</summary>
    public static OrgPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        using var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("Not a DER SubjectPublicKeyInfo of an EC key.", nameof(der), e);
        }

        return FromKey(ecdh);
    }

    /// <summary>The DER SubjectPublicKeyInfo.</summary>
    public byte[] ExportSubjectPublicKeyInfo() => (byte[])_subjectPublicKeyInfo.Clone();

    /// <summary>The key as PEM "PUBLIC KEY".</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", _subjectPublicKeyInfo);

    public override string ToString() => $"P-256 key {KeyId}";

    internal ReadOnlySpan<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    internal static OrgPublicKey FromKey(ECDiffieHellman key)
    {
        EnsureP256(key);
        return new OrgPublicKey(key.ExportSubjectPublicKeyInfo());
    }

    internal ECDiffieHellman CreateKey()
    {
        var ecdh = ECDiffieHellman.Create();
        ecdh.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdh;
    }

    internal static string ComputeKeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)[..16]);

    internal static void EnsureP256(ECDiffieHellman key)
    {
        var curve = key.ExportParameters(false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException($"Organization encryption keys must be EC P-256, not {curve.Oid.FriendlyName ?? curve.Oid.Value}.");
        }
    }
}
