using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The prescription contract as the service uses it; every call as <c>caller</c>. Writes answer ids and states
/// (<see cref="PrescriptionState"/>); content is read back by evaluating <c>Prescription:Get</c>.
/// </summary>
public interface IPrescriptionLedger
{
    /// <summary>Submits <c>Prescription:Issue</c> (a doctor) and waits for the commit.</summary>
    Task<LedgerWrite<PrescriptionState>> IssueAsync(FabricSigningIdentity caller, PrescriptionIssue request, CancellationToken cancellationToken);

    /// <summary>Submits <c>Prescription:Dispense</c> (a pharmacist; the patient's code in transient <c>dispensingCode</c> where needed).</summary>
    Task<LedgerWrite<PrescriptionState>> DispenseAsync(FabricSigningIdentity caller, string prescriptionId, string? dispensingCode, CancellationToken cancellationToken);

    /// <summary>Submits <c>Prescription:SetDispensingCode</c> (the patient; the code in transient <c>dispensingCode</c>).</summary>
    Task<LedgerWrite<PrescriptionState>> SetDispensingCodeAsync(FabricSigningIdentity caller, string prescriptionId, string dispensingCode, CancellationToken cancellationToken);

    /// <summary>Submits <c>Prescription:Cancel</c> (prescriber or patient).</summary>
    Task<LedgerWrite<PrescriptionState>> CancelAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Prescription:Get</c>.</summary>
    Task<JsonElement> GetAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Prescription:History</c>: every committed version, newest first.</summary>
    Task<JsonElement> HistoryAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Prescription:ListByPatient</c>.</summary>
    Task<LedgerPage<JsonElement>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Prescription:ListByPharmacy</c>.</summary>
    Task<LedgerPage<JsonElement>> ListByPharmacyAsync(FabricSigningIdentity caller, string pharmacyMspId, int pageSize, string? bookmark, CancellationToken cancellationToken);
}

/// <summary>What a prescription write answers, and all the service relies on from it: ids and states.</summary>
public sealed record PrescriptionState(string PrescriptionId, string PatientId, string Status, int DispenseCount);

/// <summary>What <c>Prescription:Issue</c> takes (a reduced FHIR R4 MedicationRequest).</summary>
public sealed record PrescriptionIssue(
    string PatientId,
    PrescribedMedication Medication,
    PrescribedDosage Dosage,
    PrescribedQuantity Quantity,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? NumberOfRepeatsAllowed,
    ConsentPeriod ValidityPeriod,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? DesignatedPharmacyMspId);

/// <summary>A FHIR Coding: code system URI, code, display.</summary>
public sealed record PrescribedMedication(string System, string Code, string Display);

/// <summary>A FHIR Dosage in brief: text, optional dose and timing (frequency per period periodUnit).</summary>
public sealed record PrescribedDosage(
    string Text,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PrescribedQuantity? DoseQuantity,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Frequency,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] decimal? Period,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PeriodUnit);

/// <summary>A FHIR SimpleQuantity.</summary>
public sealed record PrescribedQuantity(decimal Value, string Unit);
