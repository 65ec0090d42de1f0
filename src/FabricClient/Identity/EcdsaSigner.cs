using System.Numerics;
using System.Security.Cryptography;
using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>
/// Signs digests with an in-memory ECDSA private key (P-256 or P-384), returning DER signatures
/// with low S as Fabric's peers and orderers require. Owns the key and disposes it.
/// </summary>
public sealed class EcdsaSigner : ISigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly BigInteger _curveOrder;

    /// <summary>Creates a signer that owns <paramref name="privateKey"/>.</summary>
    /// <exception cref="NotSupportedException">The key is not on P-256 or P-384.</exception>
    public EcdsaSigner(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        _curveOrder = EcdsaSignatures.CurveOrder(privateKey);
        _key = privateKey;
    }

    /// <summary>Reads a PEM private key (PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="ArgumentException">The text holds no EC private key.</exception>
    public static EcdsaSigner FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            _ = key.ExportParameters(true);
            return new EcdsaSigner(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException($"The PEM text holds no EC private key: {e.Message}", nameof(pem), e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public half of the key, e.g. to match it against a certificate.</summary>
    public ECParameters PublicKey => _key.ExportParameters(false);

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var der = _key.SignHash(digest.Span, DSASignatureFormat.Rfc3279DerSequence);
        return ValueTask.FromResult(EcdsaSignatures.ToLowSDer(der, _curveOrder));
    }

    public void Dispose() => _key.Dispose();
}
