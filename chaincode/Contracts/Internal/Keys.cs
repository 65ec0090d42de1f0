namespace MedChain.Contracts.Internal;

/// <summary>
/// The key schema. One key per entity and one index key per listing entry (value: a one-byte
/// marker), so unrelated transactions never write the same key and MVCC only rejects true conflicts.
/// </summary>
internal static class Keys
{
    /// <summary>The organization registry (written rarely; read by every transaction).</summary>
    public const string Config = "medchain.config";

    /// <summary>A member's approval of a proposed registry: proposal id, MSP id.</summary>
    public const string RegistryApproval = "medchain.registry-approval";

    /// <summary>consent~patientId~consentId → Consent.</summary>
    public const string Consent = "consent";

    /// <summary>consent-by-grantee~granteeMspId~patientId~consentId → marker.</summary>
    public const string ConsentByGrantee = "consent-by-grantee";

    /// <summary>Private (<see cref="PrivateContent.Collection"/>): consent-content~patientId~consentId → scope, purpose, salt.</summary>
    public const string ConsentContent = "consent-content";

    /// <summary>Private: rx-content~prescriptionId → medication, dosage, quantity, salt.</summary>
    public const string PrescriptionContent = "rx-content";

    /// <summary>Private: record-type~recordId → the record's type and salt (for consents scoped by record type).</summary>
    public const string RecordTypeContent = "record-type";

    /// <summary>delegate~patientId~mspId~personId → Delegate.</summary>
    public const string Delegate = "delegate";

    /// <summary>accesslog~patientId~sortableTime~txId → AccessLogEntry (chronological per patient).</summary>
    public const string AccessLog = "accesslog";

    /// <summary>emergency~sortableTime~txId → patientId (the regulator's chronological list).</summary>
    public const string Emergency = "emergency";

    /// <summary>emergency-entry~entryId → where a break-glass entry lives (patient, sortable time), so a review can find it by id.</summary>
    public const string EmergencyEntry = "emergency-entry";

    /// <summary>emergency-review~entryId~txId → EmergencyReasonReview (each committed read of a break-glass reason).</summary>
    public const string EmergencyReview = "emergency-review";

    /// <summary>emergency-count~mspId~doctorId~yyyyMMdd → count of the doctor's allowed emergency accesses that UTC day.</summary>
    public const string EmergencyCount = "emergency-count";

    /// <summary>rx~prescriptionId → Prescription, including its dispense count (the key both racing dispenses write).</summary>
    public const string Prescription = "rx";

    /// <summary>rx-code~prescriptionId → the keyed hash of the patient's dispensing code (prescriptions without a designated pharmacy).</summary>
    public const string DispensingCode = "rx-code";

    /// <summary>rx-by-patient~patientId~prescriptionId → marker.</summary>
    public const string PrescriptionByPatient = "rx-by-patient";

    /// <summary>rx-by-pharmacy~pharmacyMspId~prescriptionId → marker (designated or dispensing pharmacy).</summary>
    public const string PrescriptionByPharmacy = "rx-by-pharmacy";

    /// <summary>anchor~recordId~version(6 digits) → RecordAnchor.</summary>
    public const string Anchor = "anchor";

    /// <summary>anchor-by-patient~patientId~recordId → marker, written at Anchor and kept through supersede and erasure (the patient's record list).</summary>
    public const string AnchorByPatient = "anchor-by-patient";

    /// <summary>anchor-head~recordId → AnchorHead (current version, patient, custodian, erased).</summary>
    public const string AnchorHead = "anchor-head";

    /// <summary>erasure-request~recordId → ErasureRequest (the patient's request or the regulator's order; kept, completed, after erasure).</summary>
    public const string ErasureRequest = "erasure-request";

    /// <summary>signoff~recordId~version~mspId~doctorId → RecordSignOff (one per doctor and version).</summary>
    public const string SignOff = "signoff";

    /// <summary>patient~patientId → PatientEnrollment (the only organization whose certificates act as the patient).</summary>
    public const string Patient = "patient";

    /// <summary>patient-transfer-approval~patientId → PatientTransfer (pending: approved by the patient, not yet completed).</summary>
    public const string PatientTransferApproval = "patient-transfer-approval";

    /// <summary>patient-transfer~patientId~sortableTime~txId → PatientTransfer (completed transfers, chronological).</summary>
    public const string PatientTransfer = "patient-transfer";

    /// <summary>The value of index keys (Fabric refuses empty values).</summary>
    public static readonly byte[] Marker = [0];

    public static string Version(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
