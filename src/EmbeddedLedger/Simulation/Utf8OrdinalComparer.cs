namespace MedChain.EmbeddedLedger;

/// <summary>
/// Orders strings as the peer's state database does: by their UTF-8 bytes, which is code point
/// order. Plain ordinal (UTF-16) order differs for characters above U+FFFF versus U+E000–U+FFFF,
/// and U+10FFFF is the upper bound of every composite key range. The one key order of the test infrastructure.
/// </summary>
public sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return Fixup(a) - Fixup(b);
            }
        }

        return x.Length - y.Length;
    }

    // Moves surrogates (D800–DFFF) above E000–FFFF so UTF-16 units compare in code point order.
    private static int Fixup(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
