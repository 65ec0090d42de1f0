using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Canonical JSON for ledger values and event payloads: properties sorted (ordinal), camelCase,
/// enums as their codes, nulls left out, no whitespace, UTC times, so every endorser writes the
/// same bytes.
/// </summary>
internal static class StateJson
{
    private static readonly JsonSerializerSettings _settings = new()
    {
        ContractResolver = new SortedCamelCaseResolver(),
        Converters = { new StringEnumConverter() },
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.None,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        FloatParseHandling = FloatParseHandling.Decimal,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    };

    public static byte[] Serialize(object value) => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, _settings));

    public static T Deserialize<T>(byte[] value) =>
        JsonConvert.DeserializeObject<T>(Encoding.UTF8.GetString(value), _settings)
        ?? throw new InvalidOperationException($"ledger value is not a {typeof(T).Name}");

    private sealed class SortedCamelCaseResolver : DefaultContractResolver
    {
        public SortedCamelCaseResolver() => NamingStrategy = new CamelCaseNamingStrategy();

        protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization) =>
            [.. base.CreateProperties(type, memberSerialization).OrderBy(p => p.PropertyName, StringComparer.Ordinal)];
    }
}
