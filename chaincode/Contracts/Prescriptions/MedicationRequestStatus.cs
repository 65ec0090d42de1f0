using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Prescriptions;

/// <summary>
/// FHIR R4 MedicationRequest.status. The chaincode uses <c>active</c> (issued), <c>completed</c>
/// (all fills dispensed), <c>cancelled</c> (withdrawn before any fill) and <c>stopped</c> (withdrawn
/// after a fill); expiry is not a status in FHIR, it is judged from the validity period.
/// </summary>
[JsonConverter(typeof(CanonicalEnumConverter<MedicationRequestStatus>))]
public enum MedicationRequestStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("on-hold")]
    OnHold,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    [JsonStringEnumMemberName("completed")]
    Completed,

    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,

    [JsonStringEnumMemberName("stopped")]
    Stopped,

    [JsonStringEnumMemberName("draft")]
    Draft,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
