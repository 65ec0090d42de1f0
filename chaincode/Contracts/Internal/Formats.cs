using System.Text.RegularExpressions;
using MedChain.Identifiers;

namespace MedChain.Contracts.Internal;

/// <summary>
/// The formats accepted on chain (one place, so errors and docs agree). Identifiers follow the shared
/// grammar of <see cref="Ids"/>; every pattern is anchored with <c>\z</c> (<c>$</c> lets a trailing newline through).
/// </summary>
internal static partial class Formats
{
    public static readonly string PatientIdDescription = Ids.Describe(IdKind.Patient);

    public static readonly string MspIdDescription = Ids.Describe(IdKind.Msp);

    public static readonly string PersonIdDescription = Ids.Describe(IdKind.Person);

    public static readonly string RecordIdDescription = Ids.Describe(IdKind.Record);

    public static readonly string CodeDescription = Ids.Describe(IdKind.RecordType);

    public const string Sha256Description = "64 lowercase hex digits";

    public const string ReferenceDescription = "printable ASCII without spaces";

    public const string FhirCodeDescription = "a code without leading, trailing or double spaces";

    public const string FhirUnitDescription = "a unit without leading, trailing or double spaces";

    // The same grammars as request schema patterns (ECMA-262; the schema binding matches them against
    // the whole value, so '$' lets no trailing newline through).
    public const string Sha256Pattern = "^[0-9a-f]{64}$";

    public const string ReferencePattern = "^[!-~]+$";

    public const string FhirCodePattern = "^[!-~]+( [!-~]+)*$";

    public static Regex PatientId() => Ids.Pattern(IdKind.Patient);

    public static Regex MspId() => Ids.Pattern(IdKind.Msp);

    public static Regex PersonId() => Ids.Pattern(IdKind.Person);

    public static Regex RecordId() => Ids.Pattern(IdKind.Record);

    /// <summary>A record type code (also the grammar of other lowercase codes).</summary>
    public static Regex Code() => Ids.Pattern(IdKind.RecordType);

    [GeneratedRegex(@"^[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    public static partial Regex Sha256();

    [GeneratedRegex(@"^[!-~]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    /// <summary>A FHIR code: printable, no leading or trailing whitespace, single spaces inside.</summary>
    [GeneratedRegex(@"^[!-~]+( [!-~]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex FhirCode();

    /// <summary>Sortable UTC time used inside composite keys (lexicographic order = time order).</summary>
    public static string SortableTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
