using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// JSON schemas of parameter and result types, from the same System.Text.Json metadata (<see cref="JsonTypeInfo"/>)
/// that <see cref="CanonicalJson"/> reads and writes with, so the names, required members and enum codes the
/// metadata shows are the ones the serializer uses. Object types go to <see cref="Components"/> once and are
/// referenced by <c>$ref</c>.
/// </summary>
internal sealed class SchemaGenerator(JsonSerializerOptions options)
{
    private readonly Dictionary<Type, string> _names = [];

    private readonly Dictionary<string, SchemaFormatAttribute> _formats = new(StringComparer.Ordinal);

    public JsonObject Components { get; } = [];

    /// <summary>The contract-defined string formats met so far, by name.</summary>
    public IReadOnlyDictionary<string, SchemaFormatAttribute> Formats => _formats;

    /// <exception cref="ArgumentException">The type is not in the JSON options' contexts, or an enum is not written as strings.</exception>
    public JsonObject For(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return For(underlying);
        }

        // Before primitives: an enum's type code is its underlying integer type.
        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. EnumCodes(type).Select(c => (JsonNode)c)]) };
        }

        if (Primitive(type) is { } primitive)
        {
            return primitive;
        }

        if (type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return [];
        }

        var info = TypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Dictionary => new JsonObject { ["type"] = "object", ["additionalProperties"] = For(info.ElementType!) },
            JsonTypeInfoKind.Enumerable => new JsonObject { ["type"] = "array", ["items"] = For(info.ElementType!) },
            _ => new JsonObject { ["$ref"] = "#/components/schemas/" + Register(type, info) },
        };
    }

    private JsonTypeInfo TypeInfo(Type type)
    {
        try
        {
            return CanonicalJson.TypeInfo(type, options);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException(
                $"Type {type.Name} is not in the contract's JSON types: add [JsonSerializable(typeof({type.Name}))] to its JsonSerializerContext and pass it in {nameof(ContractChaincodeOptions)}.{nameof(ContractChaincodeOptions.Json)}.",
                e);
        }
    }

    private static JsonObject? Primitive(Type type)
    {
        static JsonObject Of(string type, string? format = null)
        {
            var schema = new JsonObject { ["type"] = type };
            if (format is not null)
            {
                schema["format"] = format;
            }

            return schema;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => Of("string"),
            TypeCode.Boolean => Of("boolean"),
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => Of("integer", "int32"),
            TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => Of("integer", "int64"),
            TypeCode.Single => Of("number", "float"),
            TypeCode.Double => Of("number", "double"),
            TypeCode.Decimal => Of("number"),
            TypeCode.DateTime => Of("string", "date-time"),
            _ when type == typeof(DateTimeOffset) => Of("string", "date-time"),
            _ when type == typeof(Guid) => Of("string", "uuid"),
            _ when type == typeof(byte[]) => Of("string", "byte"),
            _ => null,
        };
    }

    /// <summary>The codes of an enum's members, in declaration (value) order, as the serializer writes them.</summary>
    private IEnumerable<string> EnumCodes(Type type)
    {
        var info = TypeInfo(type);
        foreach (var value in Enum.GetValuesAsUnderlyingType(type))
        {
            var code = JsonSerializer.SerializeToElement(Enum.ToObject(type, value), info);
            if (code.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"Enum {type.Name} is not written as strings: mark it [JsonConverter(typeof(CanonicalEnumConverter<{type.Name}>))].");
            }

            yield return code.GetString()!;
        }
    }

    private string Register(Type type, JsonTypeInfo info)
    {
        if (_names.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = type.Name;
        if (Components.ContainsKey(name))
        {
            name = (type.FullName ?? type.Name).Replace('+', '.');
        }

        _names[type] = name;
        var schema = new JsonObject { ["$id"] = name, ["type"] = "object", ["additionalProperties"] = false };
        Components[name] = schema;

        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in info.Properties.Where(p => p.Get is not null))
        {
            var propertySchema = For(property.PropertyType);
            ApplyRules(property, propertySchema);
            properties[property.Name] = propertySchema;
            if (property.IsRequired)
            {
                required.Add((JsonNode)property.Name);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return name;
    }

    private void ApplyRules(JsonPropertyInfo property, JsonObject schema)
    {
        var rules = property.AttributeProvider?.GetCustomAttributes(typeof(SchemaAttribute), inherit: true).OfType<SchemaAttribute>().SingleOrDefault();
        var format = property.AttributeProvider?.GetCustomAttributes(typeof(SchemaFormatAttribute), inherit: true).OfType<SchemaFormatAttribute>().SingleOrDefault();
        if (rules is null && format is null)
        {
            return;
        }

        // String rules of a list property apply to its items.
        var strings = schema["items"] as JsonObject ?? schema;
        if (format is not null)
        {
            if (_formats.TryGetValue(format.Format, out var known) && known.GetType() != format.GetType())
            {
                throw new ArgumentException($"Schema format '{format.Format}' is defined by both {known.GetType().Name} and {format.GetType().Name}.");
            }

            _formats[format.Format] = format;
            strings["format"] = format.Format;
            format.Describe(strings);
        }

        if (rules is null)
        {
            return;
        }

        SetIf(strings, "minLength", rules.MinLength);
        SetIf(strings, "maxLength", rules.MaxLength);
        if (rules.Pattern is not null)
        {
            strings["pattern"] = rules.Pattern;
        }

        if (rules.Description is not null)
        {
            strings["description"] = rules.Description;
        }

        SetIf(schema, "minItems", rules.MinItems);
        SetIf(schema, "maxItems", rules.MaxItems);
        SetIf(schema, "minimum", rules.Minimum);
        SetIf(schema, "exclusiveMinimum", rules.ExclusiveMinimum);
        SetIf(schema, "maximum", rules.Maximum);
    }

    private static void SetIf(JsonObject schema, string keyword, int value)
    {
        if (value >= 0)
        {
            schema[keyword] = value;
        }
    }

    private static void SetIf(JsonObject schema, string keyword, double value)
    {
        if (!double.IsNaN(value))
        {
            // Whole numbers as integers: 0 reads better than 0.0 in the metadata.
            schema[keyword] = value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
        }
    }
}
