using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MedChain.ContractApi.Internal;

namespace MedChain.ContractApi;

/// <summary>
/// Deterministic JSON for ledger state and transaction results: the same value always gives the
/// same bytes, on every endorsing peer. Object keys are sorted (ordinal, recursively), there is no
/// insignificant whitespace, property names are camelCase (dictionary keys are kept as they are),
/// enums are strings (camelCase, or the exact <see cref="JsonStringEnumMemberNameAttribute"/> value such
/// as a FHIR code, through <see cref="CanonicalEnumConverter{TEnum}"/>), dates are ISO-8601 UTC in the
/// round-trip ("o") format, decimals by value with a decimal point, and nulls are left out.
/// Reading is strict: unknown members, trailing content, duplicate property names, metadata such as
/// <c>$type</c> and integer enums are errors, and date strings are not guessed at.
/// </summary>
/// <remarks>
/// System.Text.Json with source-generated metadata only (Native AOT): the types come from the
/// <see cref="JsonSerializerContext"/>s given to <see cref="CreateOptions"/>
/// (<c>[JsonSerializable(typeof(...))]</c> for the request, result and state types), and reading and
/// writing go through their <see cref="JsonTypeInfo"/>. A property is required when it carries
/// <see cref="JsonRequiredAttribute"/> (C#'s <c>required</c> alone does not make it so). Source-generated
/// metadata sets every init-only member when it reads an object, an absent one to its type's default (null
/// for a list): a default such as an empty list belongs in the setter (<c>init => field = value ?? [];</c>).
/// </remarks>
public static class CanonicalJson
{
    /// <summary>The deepest nesting accepted when reading.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Non-ASCII text is written as it is, only what JSON requires is escaped.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = false };

    private static readonly ConditionalWeakTable<JsonSerializerOptions, object> _canonical = [];

    /// <summary>Options with the built-in types only (strings, numbers, dates, JSON trees).</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateOptions();

    /// <summary>
    /// Canonical options over the types of <paramref name="resolvers"/> (typically a contract assembly's
    /// <see cref="JsonSerializerContext"/>), plus the built-in types. Create them once and share them:
    /// they cache the metadata.
    /// </summary>
    public static JsonSerializerOptions CreateOptions(params IJsonTypeInfoResolver[] resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, CanonicalJsonContext.Default]).WithAddedModifier(RequiredOnlyWhenMarked),
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

            // Dictionary keys are data (ids, codes), not member names.
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = MaxDepth,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters =
            {
                new UtcDateTimeConverter(),
                new UtcDateTimeOffsetConverter(),
                new CanonicalDecimalConverter(),
                new CanonicalDoubleConverter(),
                new CanonicalSingleConverter(),
            },
        };
        options.MakeReadOnly();
        _canonical.Add(options, options);
        return options;
    }

    /// <summary>The canonical JSON text of <paramref name="value"/> ("null" for null).</summary>
    /// <exception cref="NotSupportedException">The type is not in <paramref name="options"/>' contexts.</exception>
    public static string Serialize<T>(T value, JsonSerializerOptions options) => Serialize(value, typeof(T), options);

    /// <summary>The canonical JSON text of <paramref name="value"/> as <paramref name="type"/> ("null" for null).</summary>
    /// <exception cref="NotSupportedException">The type is not in <paramref name="options"/>' contexts.</exception>
    public static string Serialize(object? value, Type type, JsonSerializerOptions options) => Encoding.UTF8.GetString(ToBytes(value, type, options));

    /// <summary>The canonical JSON text of a JSON tree (keys sorted, nulls in objects left out).</summary>
    public static string Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The canonical JSON of <paramref name="value"/> as UTF-8 bytes.</summary>
    /// <exception cref="NotSupportedException">The type is not in <paramref name="options"/>' contexts.</exception>
    public static byte[] ToBytes<T>(T value, JsonSerializerOptions options) => ToBytes(value, typeof(T), options);

    /// <summary>The canonical JSON of <paramref name="value"/> as <paramref name="type"/>, as UTF-8 bytes.</summary>
    /// <exception cref="NotSupportedException">The type is not in <paramref name="options"/>' contexts.</exception>
    public static byte[] ToBytes(object? value, Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        var typeInfo = TypeInfo(type, options);
        if (value is null)
        {
            return "null"u8.ToArray();
        }

        // The serializer writes members in declaration order; the canonical form re-writes the tree sorted.
        var raw = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = MaxDepth + 1 });
        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            Write(writer, document.RootElement);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads <paramref name="json"/> strictly as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text is not valid JSON for the type.</exception>
    public static T? Deserialize<T>(string json, JsonSerializerOptions options) => (T?)Deserialize(json, typeof(T), options);

    /// <summary>Reads UTF-8 <paramref name="utf8Json"/> strictly as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The bytes are not valid UTF-8 JSON for the type.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options) => Deserialize<T>(DecodeUtf8(utf8Json), options);

    /// <summary>Reads <paramref name="json"/> strictly as <paramref name="type"/>.</summary>
    /// <exception cref="JsonException">The text is not valid JSON for the type.</exception>
    public static object? Deserialize(string json, Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(type);
        var typeInfo = TypeInfo(type, options);
        return NotNullUnlessNullable(JsonSerializer.Deserialize(json, typeInfo), type);
    }

    /// <summary>
    /// Parses one argument: duplicate property names are refused (two readers of the same request could
    /// otherwise see different values), as is anything after the value.
    /// </summary>
    /// <exception cref="JsonException">The text is not one valid JSON value.</exception>
    internal static JsonDocument ParseArgument(string json)
    {
        var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        try
        {
            RefuseDuplicates(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>A checked argument as <paramref name="type"/>.</summary>
    internal static object? FromElement(JsonElement element, Type type, JsonSerializerOptions options) =>
        NotNullUnlessNullable(element.Deserialize(TypeInfo(type, options)), type);

    /// <summary>The metadata of <paramref name="type"/> in canonical <paramref name="options"/>.</summary>
    /// <exception cref="NotSupportedException">The type is not in the options' contexts.</exception>
    internal static JsonTypeInfo TypeInfo(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_canonical.TryGetValue(options, out _))
        {
            throw new ArgumentException("Use options made by CanonicalJson.CreateOptions.", nameof(options));
        }

        return options.GetTypeInfo(type);
    }

    private static object? NotNullUnlessNullable(object? result, Type type) =>
        result is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            ? throw new JsonException($"null is not a valid value for {type.Name}.")
            : result;

    private static void RequiredOnlyWhenMarked(JsonTypeInfo typeInfo)
    {
        // C#'s `required` is about construction in code; what a client must send is declared with [JsonRequired].
        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = property.AttributeProvider?.IsDefined(typeof(JsonRequiredAttribute), inherit: true) == true;
        }
    }

    private static void RefuseDuplicates(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(property.Name))
                    {
                        throw new JsonException($"Property with the name '{property.Name}' already exists in the current JSON object.");
                    }

                    RefuseDuplicates(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    RefuseDuplicates(item);
                }

                break;
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return _strictUtf8.GetString(utf8Json);
        }
        catch (DecoderFallbackException e)
        {
            throw new JsonException("The JSON is not valid UTF-8.", e);
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        properties.Add(property);
                    }
                }

                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is null || value.GetValueKind() == JsonValueKind.Null)
                    {
                        continue;
                    }

                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>The built-in types every chaincode may use as parameters, results or state.</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class CanonicalJsonContext : JsonSerializerContext;
