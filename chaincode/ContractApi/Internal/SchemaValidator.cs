using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// Checks an argument against its parameter's schema (the keywords <see cref="SchemaGenerator"/> writes:
/// type, properties, required, additionalProperties, items, enum, lengths, item counts, bounds, pattern,
/// format), so that what <c>GetMetadata</c> says a request is, is what a transaction accepts. The first
/// problem found is thrown as 400 <c>invalid {path}: {problem}</c>. A JSON null counts as absent.
/// </summary>
internal static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public static void Validate(JToken token, ParameterSchema schema) => Check(token, schema.Schema, schema.Name, schema);

    private static void Check(JToken token, JObject schema, string path, ParameterSchema root)
    {
        if (schema["$ref"] is JValue { Value: string reference })
        {
            schema = root.Resolve(reference) ?? throw new InvalidOperationException($"Schema reference '{reference}' is not in the components.");
        }

        switch ((string?)schema["type"])
        {
            case "object":
                CheckObject(token, schema, path, root);
                break;
            case "array":
                CheckArray(token, schema, path, root);
                break;
            case "string":
                CheckString(token, schema, path, root);
                break;
            case "integer":
                if (token.Type != JTokenType.Integer)
                {
                    throw Invalid(path, "must be an integer");
                }

                CheckWidth(token, (string?)schema["format"], path);

                CheckBounds(token, schema, path);
                break;
            case "number":
                if (token.Type is not (JTokenType.Integer or JTokenType.Float))
                {
                    throw Invalid(path, "must be a number");
                }

                CheckBounds(token, schema, path);
                break;
            case "boolean":
                if (token.Type != JTokenType.Boolean)
                {
                    throw Invalid(path, "must be true or false");
                }

                break;
        }
    }

    private static void CheckObject(JToken token, JObject schema, string path, ParameterSchema root)
    {
        if (token is not JObject obj)
        {
            throw Invalid(path, "must be a JSON object");
        }

        var properties = schema["properties"] as JObject;
        var required = schema["required"]?.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (name, propertySchema) in properties ?? [])
        {
            var value = obj[name];
            if (value is null || value.Type == JTokenType.Null)
            {
                if (required.Contains(name))
                {
                    throw Invalid($"{path}.{name}", propertySchema?["enum"] is JArray codes ? $"is missing (one of: {string.Join(", ", codes)})" : "is missing");
                }

                continue;
            }

            Check(value, (JObject)propertySchema!, $"{path}.{name}", root);
        }

        var additional = schema["additionalProperties"];
        foreach (var property in obj.Properties())
        {
            if (properties?.ContainsKey(property.Name) == true)
            {
                continue;
            }

            if (additional is JObject valueSchema)
            {
                Check(property.Value, valueSchema, $"{path}.{property.Name}", root);
            }
            else if (additional is JValue { Type: JTokenType.Boolean } allowed && !(bool)allowed)
            {
                throw Invalid($"{path}.{property.Name}", "is not a known field");
            }
        }
    }

    private static void CheckArray(JToken token, JObject schema, string path, ParameterSchema root)
    {
        if (token is not JArray array)
        {
            throw Invalid(path, "must be an array");
        }

        var min = (int?)schema["minItems"];
        var max = (int?)schema["maxItems"];
        if ((min is not null && array.Count < min) || (max is not null && array.Count > max))
        {
            throw Invalid(path, (min, max) switch
            {
                (not null, not null) => $"must have {min} to {max} items",
                (not null, null) => $"must have at least {min} items",
                _ => $"has more than {max} items",
            });
        }

        if (schema["items"] is JObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", root);
            }
        }
    }

    private static void CheckString(JToken token, JObject schema, string path, ParameterSchema root)
    {
        if (token.Type != JTokenType.String)
        {
            throw Invalid(path, "must be a string");
        }

        var value = (string)token!;
        if (value.Length < ((int?)schema["minLength"] ?? 0))
        {
            throw Invalid(path, value.Length == 0 ? "must not be empty" : $"is shorter than {(int)schema["minLength"]!} characters");
        }

        if (schema["maxLength"] is { } maxLength && value.Length > (int)maxLength)
        {
            throw Invalid(path, $"is longer than {(int)maxLength} characters");
        }

        if (schema["enum"] is JArray codes && !codes.Any(c => string.Equals((string?)c, value, StringComparison.Ordinal)))
        {
            throw Invalid(path, $"unknown value '{Quote(value)}' (one of: {string.Join(", ", codes)})");
        }

        if ((string?)schema["format"] is { } format)
        {
            var problem = format == "date-time"
                ? ExactDateTime.TryParse(value, out _) ? null : $"'{Quote(value)}' is not an ISO 8601 time with an offset (e.g. 2026-01-31T08:00:00Z)"
                : root.CheckFormat(format, value);
            if (problem is not null)
            {
                throw Invalid(path, problem);
            }
        }

        if ((string?)schema["pattern"] is { } pattern)
        {
            var match = _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)).Match(value);
            if (!match.Success || match.Index != 0 || match.Length != value.Length)
            {
                throw Invalid(path, $"'{Quote(value)}' is not {(string?)schema["description"] ?? "well formed"}");
            }
        }
    }

    private static void CheckBounds(JToken token, JObject schema, string path)
    {
        // A number too large for decimal is out of every bound a schema here can state.
        decimal? value = null;
        try
        {
            value = (decimal)token;
        }
        catch (OverflowException)
        {
        }

        var min = Bound(schema["minimum"]);
        var exclusiveMin = Bound(schema["exclusiveMinimum"]);
        var max = Bound(schema["maximum"]);
        var ok = value is { } v && (min is null || v >= min) && (exclusiveMin is null || v > exclusiveMin) && (max is null || v <= max);
        if (ok)
        {
            return;
        }

        var lower = exclusiveMin is not null ? $"greater than {Show(exclusiveMin.Value)}" : min is not null ? $"at least {Show(min.Value)}" : null;
        throw Invalid(path, (lower, max) switch
        {
            (not null, not null) when exclusiveMin is null => $"must be between {Show(min!.Value)} and {Show(max.Value)}",
            (not null, not null) => $"must be {lower} and at most {Show(max.Value)}",
            (not null, null) => $"must be {lower}",
            _ => $"must be at most {Show(max!.Value)}",
        });
    }

    private static void CheckWidth(JToken token, string? format, string path)
    {
        var (min, max) = format switch
        {
            "int32" => (int.MinValue, (decimal)int.MaxValue),
            "int64" => (long.MinValue, (decimal)long.MaxValue),
            _ => (decimal.MinValue, decimal.MaxValue),
        };
        if (token is JValue { Value: System.Numerics.BigInteger } || (decimal)token < min || (decimal)token > max)
        {
            throw Invalid(path, $"must be between {min} and {max}");
        }
    }

    private static decimal? Bound(JToken? token) => token is null ? null : (decimal)token;

    private static string Show(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>A value cut for an error message, control and format characters escaped so it stays one readable line.</summary>
    private static string Quote(string value)
    {
        var cut = value.Length <= 40 ? value : value[..40] + "…";
        return string.Concat(cut.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static ContractException Invalid(string path, string problem) => new($"invalid {path}: {problem}", 400);
}
