using System.Globalization;
using System.Text;
using MedChain.ContractApi;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Canonical JSON for ledger values, event payloads and transaction results: keys sorted (ordinal,
/// recursively), camelCase, enums as their <c>[EnumMember]</c> codes (FHIR codes), dates ISO-8601
/// UTC, nulls left out, no whitespace, so every endorser writes the same bytes. Reading is strict
/// (unknown members are errors). This is the contract API's canonical format; the contracts carry
/// their own settings because <see cref="CanonicalJson"/> currently builds its serializer before its
/// camelCase resolver exists (static initialization order) and so writes PascalCase.
/// </summary>
internal sealed class StateJson : IContractSerializer
{
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonSerializer _serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false } },
        Converters =
        {
            new StringEnumConverter(new CamelCaseNamingStrategy(), allowIntegerValues: false),
            new IsoDateTimeConverter { DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", DateTimeStyles = DateTimeStyles.AdjustToUniversal, Culture = CultureInfo.InvariantCulture },
        },
        NullValueHandling = NullValueHandling.Ignore,
        MissingMemberHandling = MissingMemberHandling.Error,
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 32,
        Culture = CultureInfo.InvariantCulture,
    });

    /// <summary>The instance handed to the contract API for arguments and results.</summary>
    public static StateJson Instance { get; } = new();

    public static byte[] Serialize(object value) => _utf8.GetBytes(Canonicalize(JToken.FromObject(value, _serializer)).ToString(Formatting.None));

    public static T Deserialize<T>(byte[] value) => (T)Read(_utf8.GetString(value), typeof(T));

    byte[] IContractSerializer.Serialize(object value, Type type) => Serialize(value);

    object? IContractSerializer.Deserialize(string text, Type type) => Read(text, type);

    private static object Read(string json, Type type)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return _serializer.Deserialize(reader, type) ?? throw new JsonSerializationException($"null is not a {type.Name}");
    }

    private static JToken Canonicalize(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties()
            .Where(p => p.Value.Type != JTokenType.Null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new JProperty(p.Name, Canonicalize(p.Value)))),
        JArray array => new JArray(array.Select(Canonicalize)),
        _ => token,
    };
}
