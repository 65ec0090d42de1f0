using System.Globalization;
using Newtonsoft.Json;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// Writes <see cref="DateTime"/> and <see cref="DateTimeOffset"/> as ISO-8601 UTC round-trip strings
/// ("o"), so that the text does not depend on the machine's time zone; reads only such strings.
/// An unspecified-kind <see cref="DateTime"/> is taken as UTC.
/// </summary>
internal sealed class UtcIsoDateConverter : JsonConverter
{
    public override bool CanConvert(Type objectType)
    {
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        return type == typeof(DateTime) || type == typeof(DateTimeOffset);
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case DateTimeOffset offset:
                writer.WriteValue(offset.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTime dateTime:
                writer.WriteValue(ToUtc(dateTime).ToString("o", CultureInfo.InvariantCulture));
                break;
            default:
                throw new JsonSerializationException($"Cannot write {value.GetType().Name} as a date.");
        }
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = Nullable.GetUnderlyingType(objectType) is not null;
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (reader.TokenType == JsonToken.Null)
        {
            return nullable ? null : throw new JsonSerializationException($"null is not a valid {type.Name}.");
        }

        if (reader.TokenType != JsonToken.String || reader.Value is not string text)
        {
            throw new JsonSerializationException($"Expected an ISO-8601 date string, got {reader.TokenType}.");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var parsed)
            || !text.Contains('T', StringComparison.Ordinal))
        {
            throw new JsonSerializationException($"'{text}' is not an ISO-8601 date and time.");
        }

        return type == typeof(DateTimeOffset) ? parsed.ToUniversalTime() : parsed.UtcDateTime;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
