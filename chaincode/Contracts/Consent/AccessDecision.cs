using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Consent;

/// <summary>The outcome of an access check.</summary>
[JsonConverter(typeof(CanonicalEnumConverter<AccessDecision>))]
public enum AccessDecision
{
    [JsonStringEnumMemberName("allowed")]
    Allowed,

    [JsonStringEnumMemberName("denied")]
    Denied,
}
