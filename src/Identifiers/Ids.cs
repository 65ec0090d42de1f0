using System.Text.RegularExpressions;

namespace MedChain.Identifiers;

/// <summary>
/// The grammar of every MedChain identifier. Patterns are anchored with <c>\z</c>, never <c>$</c>:
/// <c>$</c> also matches before a final newline, which let "rec-1\n" pass as a record id.
/// </summary>
public static partial class Ids
{
    /// <summary>Longest record id.</summary>
    public const int RecordIdMaxLength = 128;

    /// <summary>Prefix of prescription ids.</summary>
    public const string PrescriptionPrefix = "rx-";

    /// <summary>Prefix of consent ids.</summary>
    public const string ConsentPrefix = "cns-";

    /// <summary>True when <paramref name="value"/> is a well-formed identifier of this kind.</summary>
    public static bool IsValid(IdKind kind, string? value) =>
        value is not null && value.Length <= MaxLength(kind) && Pattern(kind).IsMatch(value);

    /// <summary>The longest identifier of this kind.</summary>
    public static int MaxLength(IdKind kind) => kind switch
    {
        IdKind.Record => RecordIdMaxLength,
        IdKind.Patient => 68,
        IdKind.Person or IdKind.Msp or IdKind.RecordType => 64,
        IdKind.Prescription => PrescriptionPrefix.Length + 64,
        IdKind.Consent => ConsentPrefix.Length + 64,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The grammar in words, for error messages ("… is not {description}").</summary>
    public static string Describe(IdKind kind) => kind switch
    {
        IdKind.Record => "1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
        IdKind.Patient => "'pat-' followed by 32 to 64 lowercase hex digits",
        IdKind.Person => "1 to 64 ASCII letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
        IdKind.Msp => "1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
        IdKind.RecordType => "a lowercase code of letters, digits and '-', starting with a letter, up to 64 characters",
        IdKind.Prescription => "'rx-' followed by a transaction id (64 lowercase hex digits)",
        IdKind.Consent => "'cns-' followed by a transaction id (64 lowercase hex digits)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The anchored pattern of this kind (length is part of it).</summary>
    public static Regex Pattern(IdKind kind) => kind switch
    {
        IdKind.Record => RecordPattern(),
        IdKind.Patient => PatientPattern(),
        IdKind.Person => PersonPattern(),
        IdKind.Msp => MspPattern(),
        IdKind.RecordType => RecordTypePattern(),
        IdKind.Prescription => PrescriptionPattern(),
        IdKind.Consent => ConsentPattern(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the grammar unless <paramref name="value"/> is valid.</summary>
    /// <exception cref="ArgumentException">The value is missing or malformed.</exception>
    public static string Require(IdKind kind, string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        return IsValid(kind, value)
            ? value
            : throw new ArgumentException($"'{Shorten(value)}' is not a valid {kind} id: expected {Describe(kind)}.", paramName);
    }

    /// <summary>A value cut for an error message, with control and format characters escaped so the message stays one readable line.</summary>
    public static string Shorten(string value)
    {
        var cut = value.Length <= 40 ? value : value[..40] + "…";
        return string.Concat(cut.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:x4}"
            : c.ToString()));
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordPattern();

    [GeneratedRegex(@"^pat-[0-9a-f]{32,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PatientPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MspPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordTypePattern();

    [GeneratedRegex(@"^rx-[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrescriptionPattern();

    [GeneratedRegex(@"^cns-[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConsentPattern();
}
