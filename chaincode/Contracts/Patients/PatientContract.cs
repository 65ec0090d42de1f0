using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Patients.Internal;

namespace MedChain.Contracts.Patients;

/// <summary>
/// Which organization a patient belongs to. The patient role is accepted only from that organization;
/// moving elsewhere is an explicit transfer the patient approves and the new organization completes.
/// </summary>
[Contract(Name = "Patient", Description = "Patient enrolment: the organization whose certificates may act as a patient, and transfers.")]
public sealed class PatientContract : MedChainContract
{
    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public PatientContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public PatientContract(MedChainOptions? options)
        : base(options)
    {
    }

    [Callers(Role.Doctor, Role.Pharmacist, Role.Service, In = [OrgKind.Hospital, OrgKind.Pharmacy])]
    [Transaction(Description = "Enrols a new patient at the caller's organization (its doctors, pharmacists or service; hospital or pharmacy).")]
    public static Task<PatientEnrollment> Enroll(Context ctx, string patientId) => PatientOperations.EnrollAsync(Tx.Of(ctx), patientId);

    [Callers(Role.Patient)]
    [Transaction(Description = "The patient approves moving to another organization (completed there with Transfer).")]
    public static Task<PatientTransfer> ApproveTransfer(Context ctx, string patientId, string toMspId) =>
        PatientOperations.ApproveTransferAsync(Tx.Of(ctx), patientId, toMspId);

    [Callers(Role.Doctor, Role.Pharmacist, Role.Service, In = [OrgKind.Hospital, OrgKind.Pharmacy])]
    [Transaction(Description = "The approved organization (its doctors, pharmacists or service) takes the patient over; logged and emits PatientTransferred.")]
    public static Task<PatientEnrollment> Transfer(Context ctx, string patientId) => PatientOperations.TransferAsync(Tx.Of(ctx), patientId);

    [Callers]
    [Transaction(Evaluate = true, Description = "A patient's enrolment (the patient, staff of the enrolling organization, regulator).")]
    public static Task<PatientEnrollment> Get(Context ctx, string patientId) => PatientOperations.GetAsync(Tx.Of(ctx), patientId);
}
