using System.Text;
using MedChain.ContractApi.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MedChain.ContractApi;

/// <summary>
/// Deterministic JSON for ledger state and transaction results: the same value always gives the
/// same bytes, on every endorsing peer. Object keys are sorted (ordinal, recursively), there is no
/// insignificant whitespace, property names are camelCase (dictionary keys are kept as they are),
/// enums are strings (camelCase, or the exact <c>[EnumMember]</c> value such as a FHIR code),
/// dates are ISO-8601 UTC in the round-trip ("o") format, and nulls are left out.
/// Reading is strict: unknown members, trailing content, type names and integer enums are errors,
/// and date strings are not guessed at.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The deepest nesting accepted when reading.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The serializer settings used (a copy: changing it changes nothing here).</summary>
    public static JsonSerializerSettings CreateSettings() => CanonicalJsonSettings.Create();

    /// <summary>The canonical JSON text of <paramref name="value"/> ("null" for null).</summary>
    public static string Serialize(object? value)
    {
        var token = ToToken(value);
        return token.ToString(Formatting.None);
    }

    /// <summary>The canonical JSON of <paramref name="value"/> as UTF-8 bytes.</summary>
    public static byte[] ToBytes(object? value) => _strictUtf8.GetBytes(Serialize(value));

    /// <summary>
    /// The canonical JSON tree of <paramref name="value"/>: serialized with the canonical settings
    /// and with every object's keys sorted.
    /// </summary>
    public static JToken ToToken(object? value)
    {
        if (value is null)
        {
            return JValue.CreateNull();
        }

        var token = value is JToken given ? given.DeepClone() : JToken.FromObject(value, CanonicalJsonSettings.Serializer);
        return Canonicalize(token);
    }

    /// <summary>Reads <paramref name="json"/> strictly as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text is not valid JSON for the type.</exception>
    public static T? Deserialize<T>(string json) => (T?)DeserializeCore(json, typeof(T));

    /// <summary>Reads UTF-8 <paramref name="utf8Json"/> strictly as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The bytes are not valid UTF-8 JSON for the type.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => (T?)DeserializeCore(DecodeUtf8(utf8Json), typeof(T));

    /// <summary>Reads <paramref name="json"/> strictly as <paramref name="type"/>.</summary>
    /// <exception cref="JsonException">The text is not valid JSON for the type.</exception>
    public static object? Deserialize(string json, Type type) => DeserializeCore(json, type);

    /// <summary>
    /// Reads one argument as a JSON tree: duplicate property names are refused (two readers of the same
    /// request could otherwise see different values), as is anything after the value; strings stay
    /// strings (no date guessing) and numbers with a fraction are decimals.
    /// </summary>
    /// <exception cref="JsonException">The text is not one valid JSON value.</exception>
    internal static JToken ParseArgument(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = MaxDepth,
        };
        var token = JToken.ReadFrom(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        return reader.Read() ? throw new JsonReaderException("Additional content after the JSON value.") : token;
    }

    /// <summary>A checked argument tree as <paramref name="type"/>.</summary>
    internal static object? FromToken(JToken token, Type type)
    {
        var result = token.ToObject(type, CanonicalJsonSettings.Serializer);
        return result is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            ? throw new JsonSerializationException($"null is not a valid value for {type.Name}.")
            : result;
    }

    private static object? DeserializeCore(string json, Type type)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(type);
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            MaxDepth = MaxDepth,
        };
        var result = CanonicalJsonSettings.Serializer.Deserialize(reader, type);
        if (result is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            throw new JsonSerializationException($"null is not a valid value for {type.Name}.");
        }

        return result;
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return _strictUtf8.GetString(utf8Json);
        }
        catch (DecoderFallbackException e)
        {
            throw new JsonReaderException("The JSON is not valid UTF-8.", e);
        }
    }

    private static JToken Canonicalize(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                var sorted = new JObject();
                foreach (var property in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.Value.Type == JTokenType.Null)
                    {
                        continue;
                    }

                    sorted.Add(property.Name, Canonicalize(property.Value));
                }

                return sorted;
            case JArray array:
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(Canonicalize(item));
                }

                return items;
            case JValue { Value: decimal number }:
                // 1.5m and 1.50m are one value: drop the trailing zeros a decimal keeps as scale.
                return new JValue(number / 1.0000000000000000000000000000m);
            default:
                return token;
        }
    }
}
