using System.Collections;
using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// JSON schemas of parameter and result types, following the names <see cref="CanonicalJson"/>
/// writes. Object types go to <see cref="Components"/> once and are referenced by <c>$ref</c>.
/// </summary>
internal sealed class SchemaGenerator
{
    private readonly Dictionary<Type, string> _names = [];

    private readonly Dictionary<string, SchemaFormatAttribute> _formats = new(StringComparer.Ordinal);

    public JObject Components { get; } = [];

    /// <summary>The contract-defined string formats met so far, by name.</summary>
    public IReadOnlyDictionary<string, SchemaFormatAttribute> Formats => _formats;

    public JObject For(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return For(underlying);
        }

        // Before primitives: an enum's type code is its underlying integer type.
        if (type.IsEnum)
        {
            return new JObject { ["type"] = "string", ["enum"] = new JArray(EnumNames(type).Cast<object>().ToArray()) };
        }

        if (Primitive(type) is { } primitive)
        {
            return primitive;
        }

        if (type == typeof(object) || typeof(JToken).IsAssignableFrom(type))
        {
            return [];
        }

        var dictionaryValue = DictionaryValueType(type);
        if (dictionaryValue is not null)
        {
            return new JObject { ["type"] = "object", ["additionalProperties"] = For(dictionaryValue) };
        }

        var element = ElementType(type);
        if (element is not null)
        {
            return new JObject { ["type"] = "array", ["items"] = For(element) };
        }

        return new JObject { ["$ref"] = "#/components/schemas/" + Register(type) };
    }

    private static JObject? Primitive(Type type)
    {
        static JObject Of(string type, string? format = null)
        {
            var schema = new JObject { ["type"] = type };
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

    private static IEnumerable<string> EnumNames(Type type)
    {
        var naming = new CamelCaseNamingStrategy { OverrideSpecifiedNames = false };
        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            var member = (EnumMemberAttribute?)Attribute.GetCustomAttribute(field, typeof(EnumMemberAttribute));
            yield return member?.Value ?? naming.GetPropertyName(field.Name, hasSpecifiedName: false);
        }
    }

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType
                && (candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) || candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
                && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return typeof(object);
    }

    private string Register(Type type)
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
        var schema = new JObject { ["$id"] = name, ["type"] = "object", ["additionalProperties"] = false };
        Components[name] = schema;

        var properties = new JObject();
        var required = new JArray();
        if (CanonicalJsonSettings.Resolver.ResolveContract(type) is JsonObjectContract contract)
        {
            foreach (var property in contract.Properties.Where(p => !p.Ignored && p.Readable))
            {
                var propertySchema = For(property.PropertyType ?? typeof(object));
                ApplyRules(property, propertySchema);
                properties[property.PropertyName!] = propertySchema;
                if (property.Required is Required.Always or Required.AllowNull)
                {
                    required.Add(property.PropertyName);
                }
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return name;
    }

    private void ApplyRules(JsonProperty property, JObject schema)
    {
        var rules = property.AttributeProvider?.GetAttributes(typeof(SchemaAttribute), inherit: true).OfType<SchemaAttribute>().SingleOrDefault();
        var format = property.AttributeProvider?.GetAttributes(typeof(SchemaFormatAttribute), inherit: true).OfType<SchemaFormatAttribute>().SingleOrDefault();
        if (rules is null && format is null)
        {
            return;
        }

        // String rules of a list property apply to its items.
        var strings = schema["items"] as JObject ?? schema;
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

    private static void SetIf(JObject schema, string keyword, int value)
    {
        if (value >= 0)
        {
            schema[keyword] = value;
        }
    }

    private static void SetIf(JObject schema, string keyword, double value)
    {
        if (!double.IsNaN(value))
        {
            // Whole numbers as integers: 0 reads better than 0.0 in the metadata.
            schema[keyword] = value == Math.Floor(value) && Math.Abs(value) < 1e15 ? new JValue((long)value) : new JValue(value);
        }
    }
}
