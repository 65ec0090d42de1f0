using Newtonsoft.Json.Linq;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// Every transaction of the chaincode with valid arguments in a <see cref="Scenario"/>, and the
/// roles allowed to call it (the role × operation table; anyone else gets 403).
/// </summary>
internal static class Operations
{
    private const string _everyone = "doctor pharmacist patient regulator hospital-service regulator-service";
    private const string _recordReaders = "doctor pharmacist patient regulator hospital-service";

    public static readonly IReadOnlyList<(string Function, string AllowedRoles, Func<Scenario, string[]> Args)> All =
    [
        ("Admin:ConfigureOrganizations", "regulator-service", _ => [Ids.RegistryRequest]),
        ("Admin:GetOrganizations", _everyone, _ => []),
        ("Consent:Grant", "patient", _ => [Requests.Consent(Ids.Hospital2).Json()]),
        ("Consent:Revoke", "patient", s => [Ids.PatientId, s.ConsentId]),
        ("Consent:Get", "pharmacist patient regulator", s => [Ids.PatientId, s.ConsentId]),
        ("Consent:ListByPatient", "patient regulator", _ => [Ids.PatientId, "10", ""]),
        ("Consent:ListByGrantee", "pharmacist regulator", _ => [Ids.Pharmacy, "10", ""]),
        ("Consent:AddDelegate", "patient", _ => [Ids.PatientId, Ids.Pharmacy2, "ph-dave"]),
        ("Consent:RemoveDelegate", "patient", _ => [Ids.PatientId, Ids.Hospital2, Ids.Guardian.Attributes["medchain.id"]]),
        ("Consent:CheckAccess", _everyone, _ => [Requests.RecordId, "treatment"]),
        ("Consent:EmergencyAccess", "doctor", _ => [Requests.RecordId, "resuscitation", "cardiac arrest"]),
        ("Consent:ListAccessLog", "patient regulator", _ => [Ids.PatientId, "10", ""]),
        ("Consent:ListEmergencyAccesses", "regulator", _ => ["10", ""]),
        ("Prescription:Issue", "doctor", _ => [Requests.Prescription().Json()]),
        ("Prescription:Dispense", "pharmacist", s => [s.PrescriptionId]),
        ("Prescription:SetDispensingCode", "patient", s => [s.OpenPrescriptionId]),
        ("Prescription:Cancel", "doctor patient", s => [s.PrescriptionId]),
        ("Prescription:Get", _recordReaders, s => [s.PrescriptionId]),
        ("Prescription:History", _recordReaders, s => [s.PrescriptionId]),
        ("Prescription:ListByPatient", "patient regulator", _ => [Ids.PatientId, "10", ""]),
        ("Prescription:ListByPharmacy", "pharmacist regulator", _ => [Ids.Pharmacy, "10", ""]),
        ("RecordAnchor:Anchor", "doctor hospital-service", _ => [Requests.Anchor("rec-002").Json()]),
        ("RecordAnchor:Supersede", "doctor hospital-service", _ => [new JObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 5, ["blobRef"] = "records/v2", ["keyId"] = "k2" }.Json()]),
        ("RecordAnchor:Verify", _everyone, _ => [Requests.RecordId, Requests.Sha, "0"]),
        ("RecordAnchor:Get", _recordReaders, _ => [Requests.RecordId, "0"]),
        ("RecordAnchor:ListVersions", _recordReaders, _ => [Requests.RecordId, "10", ""]),
        ("RecordAnchor:SignOff", "doctor", _ => [Requests.RecordId, "0"]),
        ("RecordAnchor:ListSignOffs", _recordReaders, _ => [Requests.RecordId, "0", "10", ""]),
        ("RecordAnchor:RequestErasure", "patient", _ => [Requests.RecordId]),
        ("RecordAnchor:OrderErasure", "regulator regulator-service", _ => [Requests.RecordId]),
        ("RecordAnchor:Erase", "hospital-service", _ => [Requests.RecordId]),
        ("Patient:Enroll", "doctor pharmacist hospital-service", _ => ["pat-" + new string('c', 32)]),
        ("Patient:ApproveTransfer", "patient", _ => [Ids.PatientId, Ids.Hospital2]),
        ("Patient:Transfer", "pharmacist", _ => [Ids.PatientId]),
        ("Patient:Get", "doctor patient regulator hospital-service", _ => [Ids.PatientId]),
    ];

    public static (string Function, string AllowedRoles, Func<Scenario, string[]> Args) Get(string function) =>
        All.Single(o => o.Function == function);
}
