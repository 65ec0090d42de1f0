using System.Runtime.Serialization;

namespace MedChain.Contracts.Prescriptions;

/// <summary>
/// FHIR R4 MedicationRequest.status. The chaincode uses <c>active</c> (issued), <c>completed</c>
/// (all fills dispensed), <c>cancelled</c> (withdrawn before any fill) and <c>stopped</c> (withdrawn
/// after a fill); expiry is not a status in FHIR, it is judged from the validity period.
/// </summary>
public enum MedicationRequestStatus
{
    [EnumMember(Value = "active")]
    Active,

    [EnumMember(Value = "on-hold")]
    OnHold,

    [EnumMember(Value = "cancelled")]
    Cancelled,

    [EnumMember(Value = "completed")]
    Completed,

    [EnumMember(Value = "entered-in-error")]
    EnteredInError,

    [EnumMember(Value = "stopped")]
    Stopped,

    [EnumMember(Value = "draft")]
    Draft,

    [EnumMember(Value = "unknown")]
    Unknown,
}
