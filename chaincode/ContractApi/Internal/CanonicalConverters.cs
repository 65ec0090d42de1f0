using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// Dates as ISO-8601 UTC round-trip strings ("o"), so the text does not depend on the machine's time zone;
/// reads only such strings (with a 'T'), never guesses. An unspecified-kind <see cref="DateTime"/> is UTC.
/// </summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UtcDates.Read(ref reader).UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        writer.WriteStringValue(utc.ToString("o", CultureInfo.InvariantCulture));
    }
}

/// <inheritdoc cref="UtcDateTimeConverter"/>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UtcDates.Read(ref reader).ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
    }
}

internal static class UtcDates
{
    public static DateTimeOffset Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an ISO-8601 date string, got {reader.TokenType}.");
        }

        var text = reader.GetString()!;
        if (!text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw new JsonException($"'{text}' is not an ISO-8601 date and time.");
        }

        return parsed;
    }
}

/// <summary>
/// Decimals by value, not by scale (1.5m and 1.50m are one value, written "1.5"), and always with a
/// decimal point ("10.0"), as the canonical form has written them since the first ledger value.
/// </summary>
internal sealed class CanonicalDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Dividing by 1 with 28 zero decimals drops the trailing zeros a decimal keeps as scale.
        var text = (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", skipInputValidation: true);
    }
}

/// <summary>Doubles in their shortest round-trip form, always with a decimal point or exponent ("10.0", "1E+20").</summary>
internal sealed class CanonicalDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!double.IsFinite(value))
        {
            throw new JsonException("NaN and infinities have no JSON form.");
        }

        writer.WriteRawValue(CanonicalNumbers.WithPoint(value.ToString("R", CultureInfo.InvariantCulture)), skipInputValidation: true);
    }
}

/// <inheritdoc cref="CanonicalDoubleConverter"/>
internal sealed class CanonicalSingleConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetSingle();

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!float.IsFinite(value))
        {
            throw new JsonException("NaN and infinities have no JSON form.");
        }

        writer.WriteRawValue(CanonicalNumbers.WithPoint(value.ToString("R", CultureInfo.InvariantCulture)), skipInputValidation: true);
    }
}

internal static class CanonicalNumbers
{
    public static string WithPoint(string text) => text.AsSpan().IndexOfAny(".eE") >= 0 ? text : text + ".0";
}
