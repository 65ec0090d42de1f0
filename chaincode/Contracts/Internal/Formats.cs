using System.Text.RegularExpressions;

namespace MedChain.Contracts.Internal;

/// <summary>The formats of identifiers accepted on chain (one place, so errors and docs agree).</summary>
internal static partial class Formats
{
    /// <summary>Patient pseudonym: <c>pat-</c> followed by 32 to 64 lowercase hex digits (e.g. an HMAC issued off chain).</summary>
    public const string PatientIdDescription = "'pat-' followed by 32 to 64 lowercase hex digits";

    public const string MspIdDescription = "1 to 64 letters, digits, '.', '_' or '-'";

    public const string PersonIdDescription = "1 to 64 letters, digits, '.', '_', '@' or '-'";

    public const string RecordIdDescription = "1 to 128 letters, digits, '.', '_', ':' or '-'";

    public const string CodeDescription = "a lowercase code of letters, digits and '-', up to 64 characters";

    public const string Sha256Description = "64 lowercase hex digits";

    public const string ReferenceDescription = "printable ASCII without spaces";

    [GeneratedRegex("^pat-[0-9a-f]{32,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex PatientId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex MspId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex PersonId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    public static partial Regex RecordId();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex Code();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Sha256();

    [GeneratedRegex("^[!-~]+$", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    /// <summary>A FHIR code: no leading or trailing whitespace, single spaces inside.</summary>
    [GeneratedRegex(@"^[^\s]+( [^\s]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex FhirCode();

    [GeneratedRegex(@"[+-][0-9]{2}:[0-9]{2}$", RegexOptions.CultureInvariant)]
    public static partial Regex OffsetSuffix();

    /// <summary>Sortable UTC time used inside composite keys (lexicographic order = time order).</summary>
    public static string SortableTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
