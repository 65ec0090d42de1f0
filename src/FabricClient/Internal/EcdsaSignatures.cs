using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace MedChain.FabricClient.Internal;

/// <summary>
/// ECDSA signature encoding as Fabric wants it: DER (r, s) with s in the lower half of the
/// curve order. Fabric rejects high-S signatures because (r, n - s) is an equally valid
/// signature of the same digest, which would make transactions malleable.
/// </summary>
internal static class EcdsaSignatures
{
    private static readonly BigInteger _p256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger _p384Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The order n of the key's curve; only P-256 and P-384 are supported, as in Fabric's BCCSP.</summary>
    public static BigInteger CurveOrder(ECDsa key)
    {
        var oid = key.ExportParameters(false).Curve.Oid;
        return (oid.Value, oid.FriendlyName) switch
        {
            ("1.2.840.10045.3.1.7", _) or (_, "nistP256" or "ECDSA_P256") => _p256Order,
            ("1.3.132.0.34", _) or (_, "nistP384" or "ECDSA_P384") => _p384Order,
            _ => throw new NotSupportedException($"Curve '{oid.FriendlyName ?? oid.Value}' is not supported; Fabric signs with P-256 or P-384."),
        };
    }

    /// <summary>Re-encodes a signature so its s is at most n/2, as DER.</summary>
    public static byte[] ToLowSDer(ReadOnlySpan<byte> derSignature, BigInteger curveOrder)
    {
        var (r, s) = ParseDer(derSignature);
        if (s > curveOrder / 2)
        {
            s = curveOrder - s;
        }

        return EncodeDer(r, s);
    }

    /// <summary>True if s is at most n/2.</summary>
    public static bool IsLowS(ReadOnlySpan<byte> derSignature, BigInteger curveOrder) =>
        ParseDer(derSignature).S <= curveOrder / 2;

    /// <summary>Reads the DER SEQUENCE { r INTEGER, s INTEGER }; throws <see cref="CryptographicException"/> on anything else.</summary>
    public static (BigInteger R, BigInteger S) ParseDer(ReadOnlySpan<byte> derSignature)
    {
        try
        {
            var reader = new AsnReader(derSignature.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var r = sequence.ReadInteger();
            var s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
            if (r.Sign <= 0 || s.Sign <= 0)
            {
                throw new CryptographicException("ECDSA signature values must be positive.");
            }

            return (r, s);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("The ECDSA signature is not a DER SEQUENCE of two INTEGERs.", e);
        }
    }

    public static byte[] EncodeDer(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }
}
