using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MedChain.Shim;

/// <summary>
/// Formats an X.500 name the way Fabric's Go code prints it (crypto/x509/pkix Name.String() on a parsed
/// certificate), so identity strings match what Go chaincode and Fabric CA see: only C, ST, L, STREET,
/// POSTALCODE, O, OU, CN and SERIALNUMBER are kept, printed in reverse of that order, comma-separated,
/// several values of one type joined with '+', and RFC 4514 specials escaped.
/// </summary>
public static class FabricDistinguishedName
{
    // Go's ToRDNSequence order; String() prints it back to front.
    private static readonly (string Oid, string Name, bool Single)[] _order =
    [
        ("2.5.4.6", "C", false),
        ("2.5.4.8", "ST", false),
        ("2.5.4.7", "L", false),
        ("2.5.4.9", "STREET", false),
        ("2.5.4.17", "POSTALCODE", false),
        ("2.5.4.10", "O", false),
        ("2.5.4.11", "OU", false),
        ("2.5.4.3", "CN", true),
        ("2.5.4.5", "SERIALNUMBER", true),
    ];

    /// <summary>The Go-style string of <paramref name="name"/>.</summary>
    public static string Format(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var values = ReadStringAttributes(name.RawData);
        var parts = new List<string>();
        for (var i = _order.Length - 1; i >= 0; i--)
        {
            var (oid, typeName, single) = _order[i];
            if (!values.TryGetValue(oid, out var list) || list.Count == 0)
            {
                continue;
            }

            // Go keeps the last CN and SERIALNUMBER, and every value of the other types.
            var shown = single ? [list[^1]] : list;
            parts.Add(string.Join("+", shown.Select(v => typeName + "=" + Escape(v))));
        }

        return string.Join(",", parts);
    }

    private static Dictionary<string, List<string>> ReadStringAttributes(byte[] der)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var rdnSequence = reader.ReadSequence();
        while (rdnSequence.HasData)
        {
            var rdn = rdnSequence.ReadSetOf();
            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var value = ReadString(attribute);
                if (value is null)
                {
                    continue;
                }

                if (!result.TryGetValue(oid, out var list))
                {
                    result[oid] = list = [];
                }

                list.Add(value);
            }
        }

        return result;
    }

    /// <summary>The value when it is one of the string types Go decodes as a string; otherwise null (Go skips those).</summary>
    private static string? ReadString(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            return null;
        }

        var type = (UniversalTagNumber)tag.TagValue;
        return type switch
        {
            UniversalTagNumber.PrintableString or UniversalTagNumber.UTF8String or UniversalTagNumber.IA5String
                or UniversalTagNumber.T61String or UniversalTagNumber.BMPString or UniversalTagNumber.NumericString
                => attribute.ReadCharacterString(type),
            _ => null,
        };
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var k = 0; k < value.Length; k++)
        {
            var c = value[k];
            var escape = c switch
            {
                ',' or '+' or '"' or '\\' or '<' or '>' or ';' => true,
                ' ' => k == 0 || k == value.Length - 1,
                '#' => k == 0,
                _ => false,
            };
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
