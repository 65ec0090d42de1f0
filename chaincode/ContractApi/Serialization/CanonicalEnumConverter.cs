using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedChain.ContractApi;

/// <summary>
/// The canonical form of an enum: a camelCase string, or the exact <see cref="JsonStringEnumMemberNameAttribute"/>
/// value (such as a FHIR code); integers are refused when reading. Put it on every enum that canonical JSON
/// carries: <c>[JsonConverter(typeof(CanonicalEnumConverter&lt;Role&gt;))]</c>. It is generic so that it needs
/// no code generated at run time (Native AOT).
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CanonicalEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>camelCase names, integers refused.</summary>
    public CanonicalEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
