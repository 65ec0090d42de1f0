using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace MedChain.ContractApi.Internal;

/// <summary>The one set of Newtonsoft settings behind <see cref="CanonicalJson"/>.</summary>
internal static class CanonicalJsonSettings
{
    /// <summary>Shared: a JsonSerializer is thread-safe once configured, and its contract cache is the point.</summary>
    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Create());

    /// <summary>The contract resolver, shared so that metadata schemas see the same property names.</summary>
    public static readonly DefaultContractResolver Resolver = new()
    {
        NamingStrategy = new CamelCaseNamingStrategy
        {
            // Dictionary keys are data (ids, codes), not member names.
            ProcessDictionaryKeys = false,
            OverrideSpecifiedNames = false,
        },
    };

    public static JsonSerializerSettings Create() => new()
    {
        ContractResolver = Resolver,
        NullValueHandling = NullValueHandling.Ignore,
        MissingMemberHandling = MissingMemberHandling.Error,
        TypeNameHandling = TypeNameHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = CanonicalJson.MaxDepth,
        CheckAdditionalContent = true,
        Formatting = Formatting.None,
        ConstructorHandling = ConstructorHandling.Default,
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        Culture = System.Globalization.CultureInfo.InvariantCulture,
        Converters =
        {
            new StringEnumConverter(new CamelCaseNamingStrategy { OverrideSpecifiedNames = false }, allowIntegerValues: false),
            new UtcIsoDateConverter(),
        },
    };
}
