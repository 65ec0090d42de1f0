using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Strict reader of a JSON request object: every accessor validates one field and names it in
/// the error (with its path), and <see cref="EnsureNoUnknownFields"/> rejects fields the contract
/// does not know, so nothing unexpected (such as a patient's name) can slip onto the ledger.
/// </summary>
internal sealed class JsonInput
{
    /// <summary>Largest request accepted, in characters.</summary>
    public const int MaxRequestLength = 16 * 1024;

    private readonly JObject _object;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private JsonInput(JObject obj, string path)
    {
        _object = obj;
        _path = path;
    }

    public static JsonInput Parse(string? json, string name)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Errors.Invalid(name, "is missing");
        }

        if (json.Length > MaxRequestLength)
        {
            throw Errors.Invalid(name, $"is longer than {MaxRequestLength} characters");
        }

        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 16,
            };
            // A repeated name would let two readers of the same request see different values.
            token = JToken.ReadFrom(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (reader.Read())
            {
                throw Errors.Invalid(name, "has content after the JSON value");
            }
        }
        catch (JsonException e)
        {
            throw Errors.Invalid(name, $"is not valid JSON ({e.Message})");
        }

        return token is JObject obj ? new JsonInput(obj, name) : throw Errors.Invalid(name, "must be a JSON object");
    }

    public string RequiredString(string field, int maxLength, Regex? pattern = null, string? format = null) =>
        OptionalString(field, maxLength, pattern, format) ?? throw Errors.Invalid(Path(field), "is missing");

    public string? OptionalString(string field, int maxLength, Regex? pattern = null, string? format = null)
    {
        var token = Get(field);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            throw Errors.Invalid(Path(field), "must be a string");
        }

        var value = (string)token!;
        if (value.Length == 0)
        {
            throw Errors.Invalid(Path(field), "must not be empty");
        }

        if (value.Length > maxLength)
        {
            throw Errors.Invalid(Path(field), $"is longer than {maxLength} characters");
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw Errors.Invalid(Path(field), $"'{Shorten(value)}' is not {format ?? "well formed"}");
        }

        return value;
    }

    public T RequiredEnum<T>(string field)
        where T : struct, Enum =>
        OptionalEnum<T>(field) ?? throw Errors.Invalid(Path(field), $"is missing (one of: {EnumCodes<T>.Allowed})");

    public T? OptionalEnum<T>(string field)
        where T : struct, Enum
    {
        var code = OptionalString(field, 64);
        if (code is null)
        {
            return null;
        }

        return EnumCodes<T>.TryParse(code, out var value)
            ? value
            : throw Errors.Invalid(Path(field), $"unknown value '{Shorten(code)}' (one of: {EnumCodes<T>.Allowed})");
    }

    public DateTimeOffset RequiredTime(string field) =>
        OptionalTime(field) ?? throw Errors.Invalid(Path(field), "is missing");

    /// <summary>
    /// An ISO 8601 date and time with seconds and an explicit offset ('Z' or ±hh:mm), returned in UTC.
    /// Exact formats only: a lenient parse accepted "Tue 10:00Z" and filled in the endorser's own
    /// date, so endorsers could disagree.
    /// </summary>
    public DateTimeOffset? OptionalTime(string field)
    {
        var text = OptionalString(field, 40);
        if (text is null)
        {
            return null;
        }

        return IsoTime.TryParse(text, out var time)
            ? time
            : throw Errors.Invalid(Path(field), $"'{Shorten(text)}' is not an ISO 8601 time with an offset (e.g. 2026-01-31T08:00:00Z)");
    }

    public long RequiredInteger(string field, long min, long max) =>
        OptionalInteger(field, min, max) ?? throw Errors.Invalid(Path(field), "is missing");

    public long? OptionalInteger(string field, long min, long max)
    {
        var token = Get(field);
        if (token is null)
        {
            return null;
        }

        long value;
        if (token.Type == JTokenType.Integer)
        {
            try
            {
                value = (long)token;
            }
            catch (OverflowException)
            {
                throw Errors.Invalid(Path(field), $"must be between {min} and {max}");
            }
        }
        else
        {
            throw Errors.Invalid(Path(field), "must be an integer");
        }

        return value < min || value > max ? throw Errors.Invalid(Path(field), $"must be between {min} and {max}") : value;
    }

    public decimal RequiredPositiveDecimal(string field, decimal max) =>
        OptionalPositiveDecimal(field, max) ?? throw Errors.Invalid(Path(field), "is missing");

    public decimal? OptionalPositiveDecimal(string field, decimal max)
    {
        var token = Get(field);
        if (token is null)
        {
            return null;
        }

        if (token.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            throw Errors.Invalid(Path(field), "must be a number");
        }

        decimal value;
        try
        {
            value = (decimal)token;
        }
        catch (OverflowException)
        {
            throw Errors.Invalid(Path(field), $"must be greater than 0 and at most {max}");
        }

        return value <= 0 || value > max ? throw Errors.Invalid(Path(field), $"must be greater than 0 and at most {max}") : value;
    }

    /// <summary>Free text: bounded, no control or format characters (see <see cref="FreeText"/>).</summary>
    public string RequiredText(string field, int maxLength) => FreeText.Require(RequiredString(field, maxLength), Path(field));

    public JsonInput RequiredObject(string field) =>
        OptionalObject(field) ?? throw Errors.Invalid(Path(field), "is missing");

    public JsonInput? OptionalObject(string field)
    {
        var token = Get(field);
        if (token is null)
        {
            return null;
        }

        return token is JObject obj ? new JsonInput(obj, Path(field)) : throw Errors.Invalid(Path(field), "must be a JSON object");
    }

    /// <summary>A non-empty array of objects.</summary>
    public IReadOnlyList<JsonInput> ObjectList(string field, int maxItems)
    {
        var token = Get(field) ?? throw Errors.Invalid(Path(field), "is missing");
        if (token is not JArray array)
        {
            throw Errors.Invalid(Path(field), "must be an array of objects");
        }

        if (array.Count == 0 || array.Count > maxItems)
        {
            throw Errors.Invalid(Path(field), $"must have 1 to {maxItems} items");
        }

        var list = new List<JsonInput>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{Path(field)}[{i}]";
            list.Add(array[i] is JObject obj ? new JsonInput(obj, path) : throw Errors.Invalid(path, "must be a JSON object"));
        }

        return list;
    }

    /// <summary>A list of distinct strings, returned sorted (ordinal) so the stored form does not depend on the client's order.</summary>
    public IReadOnlyList<string> StringList(string field, int maxItems, int maxLength, Regex pattern, string format)
    {
        var token = Get(field);
        if (token is null)
        {
            return [];
        }

        if (token is not JArray array)
        {
            throw Errors.Invalid(Path(field), "must be an array of strings");
        }

        if (array.Count > maxItems)
        {
            throw Errors.Invalid(Path(field), $"has more than {maxItems} items");
        }

        var items = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            var path = $"{Path(field)}[{i}]";
            if (item.Type != JTokenType.String)
            {
                throw Errors.Invalid(path, "must be a string");
            }

            var value = (string)item!;
            if (value.Length > maxLength)
            {
                throw Errors.Invalid(path, $"is longer than {maxLength} characters");
            }

            if (!pattern.IsMatch(value))
            {
                throw Errors.Invalid(path, $"'{Shorten(value)}' is not {format}");
            }

            items.Add(value);
        }

        return [.. items];
    }

    /// <summary>Rejects any field no accessor asked for.</summary>
    public void EnsureNoUnknownFields()
    {
        foreach (var property in _object.Properties())
        {
            if (!_read.Contains(property.Name))
            {
                throw Errors.Invalid(Path(property.Name), "is not a known field");
            }
        }
    }

    private JToken? Get(string field)
    {
        _read.Add(field);
        var token = _object[field];
        return token is null || token.Type == JTokenType.Null ? null : token;
    }

    private string Path(string field) => $"{_path}.{field}";

    private static string Shorten(string value) => Identifiers.Ids.Shorten(value);
}
