using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Consent;

/// <summary>FHIR R4 Consent.status. The chaincode writes <c>active</c> on grant and <c>inactive</c> on revoke.</summary>
[JsonConverter(typeof(CanonicalEnumConverter<ConsentStatus>))]
public enum ConsentStatus
{
    [JsonStringEnumMemberName("draft")]
    Draft,

    [JsonStringEnumMemberName("proposed")]
    Proposed,

    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("inactive")]
    Inactive,

    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,
}
