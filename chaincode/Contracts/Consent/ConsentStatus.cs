using System.Runtime.Serialization;

namespace MedChain.Contracts.Consent;

/// <summary>FHIR R4 Consent.status. The chaincode writes <c>active</c> on grant and <c>inactive</c> on revoke.</summary>
public enum ConsentStatus
{
    [EnumMember(Value = "draft")]
    Draft,

    [EnumMember(Value = "proposed")]
    Proposed,

    [EnumMember(Value = "active")]
    Active,

    [EnumMember(Value = "rejected")]
    Rejected,

    [EnumMember(Value = "inactive")]
    Inactive,

    [EnumMember(Value = "entered-in-error")]
    EnteredInError,
}
