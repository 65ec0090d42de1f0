using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Prescriptions.Internal;

namespace MedChain.Contracts.Prescriptions;

/// <summary>E-prescriptions (FHIR MedicationRequest): issue, dispense, cancel, trace.</summary>
[Contract(Name = "Prescription", Description = "E-prescriptions (FHIR MedicationRequest): issue, dispense, cancel, history.")]
public sealed class PrescriptionContract : MedChainContract
{
    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public PrescriptionContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public PrescriptionContract(MedChainOptions? options)
        : base(options)
    {
    }

    /// <summary>A doctor issues (request: <see cref="IssueRequest"/> in transient <c>request</c>: medication and dosage must not be in the block).</summary>
    [Callers(Role.Doctor)]
    [Transaction(Description = "Issues a prescription (doctor); the request comes in transient 'request' (optional transient 'salt', 16-64 random bytes). Returns it without medication, dosage and quantity (private collection); its id is 'rx-' + the transaction id.")]
    public static Task<Prescription> Issue(Context ctx, [Transient("request")] IssueRequest request) => PrescriptionOperations.IssueAsync(Tx.Of(ctx), request);

    [Callers(Role.Pharmacist)]
    [Transaction(Description = "Dispenses one fill (pharmacist of the designated pharmacy; without one, a pharmacist presenting the patient's dispensing code in transient 'dispensingCode') while active and valid at the transaction time.")]
    public static Task<Prescription> Dispense(Context ctx, string prescriptionId) => PrescriptionOperations.DispenseAsync(Tx.Of(ctx), prescriptionId);

    [Callers(Role.Patient)]
    [Transaction(Description = "The patient sets the dispensing code (transient 'dispensingCode', 16-64 random characters) of a prescription without a designated pharmacy; only a keyed hash is stored.")]
    public static Task<Prescription> SetDispensingCode(Context ctx, string prescriptionId) => PrescriptionOperations.SetDispensingCodeAsync(Tx.Of(ctx), prescriptionId);

    [Callers(Role.Doctor, Role.Patient)]
    [Transaction(Description = "Cancels (no fill yet) or stops (after a fill) an active prescription (prescriber or patient).")]
    public static Task<Prescription> Cancel(Context ctx, string prescriptionId) => PrescriptionOperations.CancelAsync(Tx.Of(ctx), prescriptionId);

    [Callers]
    [Transaction(Evaluate = true, Description = "One prescription with its content (patient, delegate, prescriber's org, pharmacies allowed to dispense); the regulator sees it without medication, dosage and quantity.")]
    public static Task<Prescription> Get(Context ctx, string prescriptionId) => PrescriptionOperations.GetAsync(Tx.Of(ctx), prescriptionId);

    [Callers]
    [Transaction(Evaluate = true, Description = "Every committed version of a prescription (its public part: status, fills), newest first.")]
    public static Task<IReadOnlyList<PrescriptionHistoryEntry>> History(Context ctx, string prescriptionId) =>
        PrescriptionOperations.HistoryAsync(Tx.Of(ctx), prescriptionId);

    [Callers]
    [Transaction(Evaluate = true, Description = "A patient's prescriptions, paged (patient, delegate, regulator).")]
    public static Task<Page<Prescription>> ListByPatient(Context ctx, string patientId, int pageSize, string bookmark) =>
        PrescriptionOperations.ListByPatientAsync(Tx.Of(ctx), patientId, pageSize, bookmark);

    [Callers(Role.Doctor, Role.Pharmacist, Role.Service, Role.Regulator)]
    [Transaction(Evaluate = true, Description = "Prescriptions designated to or dispensed by a pharmacy, paged (that pharmacy, regulator).")]
    public static Task<Page<Prescription>> ListByPharmacy(Context ctx, string pharmacyMspId, int pageSize, string bookmark) =>
        PrescriptionOperations.ListByPharmacyAsync(Tx.Of(ctx), pharmacyMspId, pageSize, bookmark);
}
