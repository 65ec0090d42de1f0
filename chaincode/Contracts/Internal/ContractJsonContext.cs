using System.Text.Json;
using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Admin;
using MedChain.Contracts.Admin.Internal;
using MedChain.Contracts.Common;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.KeyGrants;
using MedChain.Contracts.KeyGrants.Internal;
using MedChain.Contracts.Patients;
using MedChain.Contracts.Prescriptions;
using MedChain.Contracts.Prescriptions.Internal;
using MedChain.Contracts.Records;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Source-generated JSON metadata of every type the contracts read or write: requests, results, ledger
/// values, private content and event payloads (no reflection, so the chaincode can run as Native AOT).
/// A type missing here fails at start-up (parameters, results) or on first use (state).
/// </summary>
// Requests and results.
[JsonSerializable(typeof(ConsentRequest))]
[JsonSerializable(typeof(OrganizationsRequest))]
[JsonSerializable(typeof(AnchorRequest))]
[JsonSerializable(typeof(SupersedeRequest))]
[JsonSerializable(typeof(KeyGrantRequest))]
[JsonSerializable(typeof(IssueRequest))]
[JsonSerializable(typeof(PatientConsent))]
[JsonSerializable(typeof(Page<PatientConsent>))]
[JsonSerializable(typeof(Delegation))]
[JsonSerializable(typeof(AccessCheckResult))]
[JsonSerializable(typeof(AccessLogEntry))]
[JsonSerializable(typeof(Page<AccessLogEntry>))]
[JsonSerializable(typeof(OrganizationRegistry))]
[JsonSerializable(typeof(RegistryChange))]
[JsonSerializable(typeof(RecordAnchor))]
[JsonSerializable(typeof(Page<RecordAnchor>))]
[JsonSerializable(typeof(PatientRecord))]
[JsonSerializable(typeof(Page<PatientRecord>))]
[JsonSerializable(typeof(EmergencyReasonReview))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(RecordSignOff))]
[JsonSerializable(typeof(Page<RecordSignOff>))]
[JsonSerializable(typeof(ErasureRequest))]
[JsonSerializable(typeof(KeyGrant))]
[JsonSerializable(typeof(Page<KeyGrant>))]
[JsonSerializable(typeof(Prescription))]
[JsonSerializable(typeof(Page<Prescription>))]
[JsonSerializable(typeof(IReadOnlyList<PrescriptionHistoryEntry>))]
[JsonSerializable(typeof(PatientEnrollment))]
[JsonSerializable(typeof(PatientTransfer))]

// Ledger values, private content and events.
[JsonSerializable(typeof(ConsentContent))]
[JsonSerializable(typeof(PrescriptionContent))]
[JsonSerializable(typeof(AnchorHead))]
[JsonSerializable(typeof(RecordTypes.RecordTypeContent))]
[JsonSerializable(typeof(DispensingCodes.StoredCode))]
[JsonSerializable(typeof(AccessOperations.EmergencyIndex))]
[JsonSerializable(typeof(AccessOperations.EmergencyEvent))]
[JsonSerializable(typeof(AccessOperations.EmergencyEntryIndex))]
[JsonSerializable(typeof(AccessOperations.EmergencyReviewEvent))]
[JsonSerializable(typeof(EmergencyLimits.EmergencyCount))]
[JsonSerializable(typeof(ConsentOperations.ConsentEvent))]
[JsonSerializable(typeof(RecordOperations.AnchorEvent))]
[JsonSerializable(typeof(ErasureOperations.ErasureEvent))]
[JsonSerializable(typeof(KeyGrantOperations.KeyGrantEvent))]
[JsonSerializable(typeof(PrescriptionOperations.PrescriptionEvent))]
[JsonSerializable(typeof(AdminOperations.RegistryProposal))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;

/// <summary>The canonical options over <see cref="ContractJsonContext"/>, shared by the chaincode and the ledger code.</summary>
internal static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = CanonicalJson.CreateOptions(ContractJsonContext.Default);
}
