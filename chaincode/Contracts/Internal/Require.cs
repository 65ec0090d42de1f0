using System.Text.RegularExpressions;

namespace MedChain.Contracts.Internal;

/// <summary>Validation of scalar transaction parameters (request objects go through <see cref="JsonInput"/>).</summary>
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

        return pattern.IsMatch(value) ? value : throw Errors.Invalid(field, $"'{(value.Length > 40 ? value[..40] + "…" : value)}' is not {format}");
    }

    public static string PatientId(string? value, string field = "patientId") =>
        Matches(value, field, 68, Formats.PatientId(), Formats.PatientIdDescription);

    public static string MspId(string? value, string field = "mspId") =>
        Matches(value, field, 64, Formats.MspId(), Formats.MspIdDescription);

    public static string PersonId(string? value, string field = "personId") =>
        Matches(value, field, 64, Formats.PersonId(), Formats.PersonIdDescription);

    public static string RecordId(string? value, string field = "recordId") =>
        Matches(value, field, 128, Formats.RecordId(), Formats.RecordIdDescription);

    public static string Sha256(string? value, string field = "sha256") =>
        Matches(value, field, 64, Formats.Sha256(), Formats.Sha256Description);

    /// <summary>An id this chaincode derived from a transaction id: prefix + 1..64 id characters.</summary>
    public static string DerivedId(string? value, string field, string prefix) =>
        Matches(value, field, 80, Formats.RecordId(), Formats.RecordIdDescription) is var id && id.StartsWith(prefix, StringComparison.Ordinal)
            ? id
            : throw Errors.Invalid(field, $"must start with '{prefix}'");

    public static int Version(int value, string field = "version") =>
        value is >= 0 and <= 999_999 ? value : throw Errors.Invalid(field, "must be between 0 (current) and 999999");
}
