using System.Globalization;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// The <c>date-time</c> format of request arguments: <c>yyyy-MM-ddTHH:mm:ss</c>, optionally 1 to 7
/// fraction digits, then <c>Z</c> or <c>±hh:mm</c>, parsed exactly with the invariant culture. A lenient
/// parse accepted "Tue 10:00Z" and filled in the endorser's own date, so endorsers could disagree.
/// </summary>
internal static class ExactDateTime
{
    private static readonly string[] _formats = BuildFormats();

    public static bool TryParse(string text, out DateTimeOffset time)
    {
        // AssumeUniversal only matters for the 'Z' formats, which carry no offset specifier.
        if (DateTimeOffset.TryParseExact(text, _formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        time = default;
        return false;
    }

    private static string[] BuildFormats()
    {
        var formats = new List<string>();
        foreach (var offset in (string[])["'Z'", "zzz"])
        {
            for (var digits = 0; digits <= 7; digits++)
            {
                var fraction = digits == 0 ? string.Empty : "." + new string('f', digits);
                formats.Add($"yyyy'-'MM'-'dd'T'HH':'mm':'ss{fraction}{offset}");
            }
        }

        return [.. formats];
    }
}
