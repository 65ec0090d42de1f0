using MedChain.ContractApi;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Ledger values and event payloads in the contract API's canonical JSON (sorted keys, camelCase,
/// FHIR codes for enums, ISO-8601 UTC dates, no nulls, no whitespace; strict reading), the same
/// format as transaction results, so every endorser writes the same bytes. The types are those of
/// <see cref="ContractJsonContext"/>.
/// </summary>
internal static class StateJson
{
    public static byte[] Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CanonicalJson.ToBytes(value, value.GetType(), ContractJson.Options);
    }

    public static T Deserialize<T>(byte[] value) =>
        CanonicalJson.Deserialize<T>(value, ContractJson.Options) ?? throw new InvalidOperationException($"ledger value is not a {typeof(T).Name}");
}
