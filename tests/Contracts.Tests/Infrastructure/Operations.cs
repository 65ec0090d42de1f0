using System.Text.Json.Nodes;
using MedChain.ContractRoles;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// Valid arguments in a <see cref="Scenario"/> for every transaction of the chaincode. Who may call
/// each one is <see cref="RoleTable"/>'s (shared with the acceptance tests on a real network).
/// </summary>
internal static class Operations
{
    public static readonly IReadOnlyDictionary<string, Func<Scenario, string[]>> Args = new Dictionary<string, Func<Scenario, string[]>>(StringComparer.Ordinal)
    {
        ["Admin:InitRegistry"] = _ => [Ids.RegistryRequest],
        ["Admin:ConfigureOrganizations"] = _ => [Ids.RegistryRequest],
        ["Admin:GetOrganizations"] = _ => [],
        ["Consent:Grant"] = _ => [Requests.Consent(Ids.Hospital2).Json()],
        ["Consent:Revoke"] = s => [Ids.PatientId, s.ConsentId],
        ["Consent:Get"] = s => [Ids.PatientId, s.ConsentId],
        ["Consent:ListByPatient"] = _ => [Ids.PatientId, "10", ""],
        ["Consent:ListByGrantee"] = _ => [Ids.Pharmacy, "10", ""],
        ["Consent:AddDelegate"] = _ => [Ids.PatientId, Ids.Pharmacy2, "ph-dave"],
        ["Consent:RemoveDelegate"] = _ => [Ids.PatientId, Ids.Hospital2, Ids.Guardian.Attributes["medchain.id"]],
        ["Consent:CheckAccess"] = _ => [Requests.RecordId, "treatment"],
        ["Consent:EmergencyAccess"] = _ => [Requests.RecordId, "resuscitation", Wire.ReasonDocument("cardiac arrest"), "emergency-reason-0001"],
        ["Consent:ListAccessLog"] = _ => [Ids.PatientId, "10", ""],
        ["Consent:ListEmergencyAccesses"] = _ => ["10", ""],
        ["Consent:ReviewEmergencyReason"] = s => [s.EmergencyEntryId],
        ["Prescription:Issue"] = _ => [Requests.Prescription().Json()],
        ["Prescription:Dispense"] = s => [s.PrescriptionId],
        ["Prescription:SetDispensingCode"] = s => [s.OpenPrescriptionId],
        ["Prescription:Cancel"] = s => [s.PrescriptionId],
        ["Prescription:Get"] = s => [s.PrescriptionId],
        ["Prescription:History"] = s => [s.PrescriptionId],
        ["Prescription:ListByPatient"] = _ => [Ids.PatientId, "10", ""],
        ["Prescription:ListByPharmacy"] = _ => [Ids.Pharmacy, "10", ""],
        ["RecordAnchor:Anchor"] = _ => [Requests.Anchor("rec-002").Json()],
        ["RecordAnchor:Supersede"] = _ => [new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 5, ["blobRef"] = "records/v2", ["keyId"] = "k2" }.Json()],
        ["RecordAnchor:Verify"] = _ => [Requests.RecordId, Requests.Sha, "0"],
        ["RecordAnchor:Get"] = _ => [Requests.RecordId, "0"],
        ["RecordAnchor:ListVersions"] = _ => [Requests.RecordId, "10", ""],
        ["RecordAnchor:ListByPatient"] = _ => [Ids.PatientId, "10", ""],
        ["RecordAnchor:SignOff"] = _ => [Requests.RecordId, "0"],
        ["RecordAnchor:ListSignOffs"] = _ => [Requests.RecordId, "0", "10", ""],
        ["RecordAnchor:RequestErasure"] = _ => [Requests.RecordId],
        ["RecordAnchor:OrderErasure"] = _ => [Requests.RecordId],
        ["RecordAnchor:Erase"] = _ => [Requests.RecordId],
        ["Patient:Enroll"] = _ => ["pat-" + new string('c', 32)],
        ["Patient:ApproveTransfer"] = _ => [Ids.PatientId, Ids.Hospital2],
        ["Patient:Transfer"] = _ => [Ids.PatientId],
        ["Patient:Get"] = _ => [Ids.PatientId],
        ["KeyGrant:Grant"] = _ => [Requests.KeyGrant(Ids.Pharmacy).Json()],
        ["KeyGrant:Revoke"] = _ => [Requests.KeyGrant(Ids.Hospital2).Json()],
        ["KeyGrant:ListLapsed"] = _ => [Ids.Hospital, "10", ""],
    };
}
