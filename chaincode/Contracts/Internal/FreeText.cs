using System.Buffers;
using System.Globalization;
using System.Text;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Free text stored on chain (medication display, dosage text, emergency reasons): no control
/// characters (Cc), no format characters (Cf: bidi overrides, zero-width characters, which can make
/// a log entry read differently from what it holds) and no unpaired surrogates.
/// </summary>
internal static class FreeText
{
    public static string Require(string value, string field) =>
        Problem(value) is { } problem ? throw Errors.Invalid(field, problem) : value;

    /// <summary>What is wrong with <paramref name="value"/> as free text, or null.</summary>
    public static string? Problem(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var offset = value.Length - rest.Length;
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                return $"has an unpaired surrogate at {offset}";
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                return $"must not contain control or format characters (U+{rune.Value:X4} at {offset})";
            }

            rest = rest[consumed..];
        }

        return null;
    }
}
