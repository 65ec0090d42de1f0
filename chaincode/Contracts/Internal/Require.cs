using System.Text.RegularExpressions;
using MedChain.Identifiers;

namespace MedChain.Contracts.Internal;

/// <summary>Validation of scalar transaction parameters (request objects are checked against their schema when bound).</summary>
internal static class Require
{
    public static string Matches(string? value, string field, int maxLength, Regex pattern, string format)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Errors.Invalid(field, "is missing");
        }

        if (value.Length > maxLength)
        {
            throw Errors.Invalid(field, $"is longer than {maxLength} characters");
        }

        return pattern.IsMatch(value) ? value : throw Errors.Invalid(field, $"'{Ids.Shorten(value)}' is not {format}");
    }

    /// <summary>An identifier in the shared grammar of <see cref="Ids"/>.</summary>
    public static string Id(IdKind kind, string? value, string field) =>
        Matches(value, field, Ids.MaxLength(kind), Ids.Pattern(kind), Ids.Describe(kind));

    public static string PatientId(string? value, string field = "patientId") => Id(IdKind.Patient, value, field);

    public static string MspId(string? value, string field = "mspId") => Id(IdKind.Msp, value, field);

    public static string PersonId(string? value, string field = "personId") => Id(IdKind.Person, value, field);

    public static string RecordId(string? value, string field = "recordId") => Id(IdKind.Record, value, field);

    public static string Sha256(string? value, string field = "sha256") =>
        Matches(value, field, 64, Formats.Sha256(), Formats.Sha256Description);

    public static string PrescriptionId(string? value, string field = "prescriptionId") => Id(IdKind.Prescription, value, field);

    public static string ConsentId(string? value, string field = "consentId") => Id(IdKind.Consent, value, field);

    public static int Version(int value, string field = "version") =>
        value is >= 0 and <= 999_999 ? value : throw Errors.Invalid(field, "must be between 0 (current) and 999999");
}
