using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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

    public static void Validate(JsonElement value, ParameterSchema schema) => Check(value, schema.Schema, schema.Name, schema);

    private static void Check(JsonElement value, JsonObject schema, string path, ParameterSchema root)
    {
        if (Text(schema, "$ref") is { } reference)
        {
            schema = root.Resolve(reference) ?? throw new InvalidOperationException($"Schema reference '{reference}' is not in the components.");
        }

        switch (Text(schema, "type"))
        {
            case "object":
                CheckObject(value, schema, path, root);
                break;
            case "array":
                CheckArray(value, schema, path, root);
                break;
            case "string":
                CheckString(value, schema, path, root);
                break;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !IsInteger(value))
                {
                    throw Invalid(path, "must be an integer");
                }

                CheckWidth(value, Text(schema, "format"), path);
                CheckBounds(value, schema, path);
                break;
            case "number":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    throw Invalid(path, "must be a number");
                }

                CheckBounds(value, schema, path);
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Invalid(path, "must be true or false");
                }

                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonObject schema, string path, ParameterSchema root)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "must be a JSON object");
        }

        var properties = schema["properties"] as JsonObject;
        var required = (schema["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (name, propertySchema) in properties ?? [])
        {
            if (!value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                if (required.Contains(name))
                {
                    throw Invalid($"{path}.{name}", propertySchema?["enum"] is JsonArray codes ? $"is missing (one of: {Join(codes)})" : "is missing");
                }

                continue;
            }

            Check(member, (JsonObject)propertySchema!, $"{path}.{name}", root);
        }

        var additional = schema["additionalProperties"];
        foreach (var property in value.EnumerateObject())
        {
            if (properties?.ContainsKey(property.Name) == true)
            {
                continue;
            }

            if (additional is JsonObject valueSchema)
            {
                Check(property.Value, valueSchema, $"{path}.{property.Name}", root);
            }
            else if (additional is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.False)
            {
                throw Invalid($"{path}.{property.Name}", "is not a known field");
            }
        }
    }

    private static void CheckArray(JsonElement value, JsonObject schema, string path, ParameterSchema root)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, "must be an array");
        }

        var count = value.GetArrayLength();
        var min = (int?)schema["minItems"];
        var max = (int?)schema["maxItems"];
        if ((min is not null && count < min) || (max is not null && count > max))
        {
            throw Invalid(path, (min, max) switch
            {
                (not null, not null) => $"must have {min} to {max} items",
                (not null, null) => $"must have at least {min} items",
                _ => $"has more than {max} items",
            });
        }

        if (schema["items"] is JsonObject items)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", root);
            }
        }
    }

    private static void CheckString(JsonElement element, JsonObject schema, string path, ParameterSchema root)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, "must be a string");
        }

        var value = element.GetString()!;
        var minLength = (int?)schema["minLength"] ?? 0;
        if (value.Length < minLength)
        {
            throw Invalid(path, value.Length == 0 ? "must not be empty" : $"is shorter than {minLength} characters");
        }

        if ((int?)schema["maxLength"] is { } maxLength && value.Length > maxLength)
        {
            throw Invalid(path, $"is longer than {maxLength} characters");
        }

        if (schema["enum"] is JsonArray codes && !codes.Any(c => string.Equals((string?)c, value, StringComparison.Ordinal)))
        {
            throw Invalid(path, $"unknown value '{Quote(value)}' (one of: {Join(codes)})");
        }

        if (Text(schema, "format") is { } format)
        {
            var problem = format == "date-time"
                ? ExactDateTime.TryParse(value, out _) ? null : $"'{Quote(value)}' is not an ISO 8601 time with an offset (e.g. 2026-01-31T08:00:00Z)"
                : root.CheckFormat(format, value);
            if (problem is not null)
            {
                throw Invalid(path, problem);
            }
        }

        if (Text(schema, "pattern") is { } pattern)
        {
            var match = _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)).Match(value);
            if (!match.Success || match.Index != 0 || match.Length != value.Length)
            {
                throw Invalid(path, $"'{Quote(value)}' is not {Text(schema, "description") ?? "well formed"}");
            }
        }
    }

    private static void CheckBounds(JsonElement element, JsonObject schema, string path)
    {
        // A number too large for decimal is out of every bound a schema here can state.
        decimal? value = element.TryGetDecimal(out var number) ? number : null;
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

    private static void CheckWidth(JsonElement element, string? format, string path)
    {
        var (min, max) = format switch
        {
            "int32" => (int.MinValue, (decimal)int.MaxValue),
            "int64" => (long.MinValue, (decimal)long.MaxValue),
            _ => (decimal.MinValue, decimal.MaxValue),
        };
        if (!element.TryGetDecimal(out var value) || value < min || value > max)
        {
            throw Invalid(path, $"must be between {min} and {max}");
        }
    }

    /// <summary>An integer literal: no fraction and no exponent ("1.0" and "1e2" are numbers, not integers).</summary>
    private static bool IsInteger(JsonElement element) => element.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static string? Text(JsonObject schema, string keyword) => schema[keyword] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Join(JsonArray codes) => string.Join(", ", codes.Select(c => (string?)c));

    private static decimal? Bound(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (decimal)d,
        JsonValue v when v.TryGetValue<decimal>(out var m) => m,
        _ => throw new InvalidOperationException($"Schema bound {node.ToJsonString()} is not a number."),
    };

    private static string Show(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>A value cut for an error message, control and format characters escaped so it stays one readable line.</summary>
    private static string Quote(string value)
    {
        var cut = value.Length <= 40 ? value : value[..40] + "…";
        return string.Concat(cut.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static ContractException Invalid(string path, string problem) => new($"invalid {path}: {problem}", 400);
}
