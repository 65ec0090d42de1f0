using System.Formats.Asn1;
using System.Numerics;

namespace MedChain.Shim.Testing.Internal;

/// <summary>
/// Fabric rejects ECDSA signatures whose S is in the upper half of the curve order (malleability),
/// so its SDKs normalize S to n - S. This does the same for P-256 DER signatures.
/// </summary>
internal static class LowS
{
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger HalfOrder = Order >> 1;

    public static byte[] Normalize(byte[] derSignature)
    {
        var reader = new AsnReader(derSignature, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        if (s <= HalfOrder)
        {
            return derSignature;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(Order - s);
        }

        return writer.Encode();
    }
}
