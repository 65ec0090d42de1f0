using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Patients.Internal;

/// <summary>Enrolment and transfer of patients (the binding of a pseudonym to one organization).</summary>
internal static class PatientOperations
{
    public static string EnrollmentKey(Tx tx, string patientId) => tx.Key(Keys.Patient, patientId);

    public static Task<PatientEnrollment?> FindAsync(Tx tx, string patientId) => tx.GetAsync<PatientEnrollment>(EnrollmentKey(tx, patientId));

    public static async Task<PatientEnrollment> EnrollAsync(Tx tx, string patientId)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        RequireStaff(caller, "enrolling a patient");
        if (await FindAsync(tx, patientId).ConfigureAwait(false) is { } existing)
        {
            throw string.Equals(existing.MspId, caller.MspId, StringComparison.Ordinal)
                ? Errors.Conflict($"patient '{patientId}' is already enrolled at '{existing.MspId}'")
                : Errors.Forbidden($"patient '{patientId}' is enrolled at '{existing.MspId}': moving needs the patient's approval and Patient:Transfer");
        }

        var enrollment = new PatientEnrollment { PatientId = patientId, MspId = caller.MspId, EnrolledBy = caller.AsParty(), EnrolledAt = tx.Now };
        await tx.PutAsync(EnrollmentKey(tx, patientId), enrollment).ConfigureAwait(false);
        tx.Emit(EventNames.PatientEnrolled, enrollment);
        return enrollment;
    }

    public static async Task<PatientTransfer> ApproveTransferAsync(Tx tx, string patientId, string toMspId)
    {
        Require.PatientId(patientId);
        Require.MspId(toMspId, "toMspId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (!caller.IsPatient(patientId))
        {
            throw Errors.Forbidden($"only the patient '{patientId}' approves their transfer");
        }

        // The resolver accepted the patient role, so the caller's organization is where they are enrolled.
        if (string.Equals(toMspId, caller.MspId, StringComparison.Ordinal))
        {
            throw Errors.Invalid("toMspId", $"the patient is already enrolled at '{toMspId}'");
        }

        var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        if (registry?.KindOf(toMspId) is not (OrgKind.Hospital or OrgKind.Pharmacy))
        {
            throw Errors.Invalid("toMspId", $"'{toMspId}' is not a registered hospital or pharmacy");
        }

        var transfer = new PatientTransfer { PatientId = patientId, FromMspId = caller.MspId, ToMspId = toMspId, ApprovedBy = caller.AsParty(), ApprovedAt = tx.Now };
        await tx.PutAsync(tx.Key(Keys.PatientTransferApproval, patientId), transfer).ConfigureAwait(false);
        tx.Emit(EventNames.PatientTransferApproved, transfer);
        return transfer;
    }

    public static async Task<PatientEnrollment> TransferAsync(Tx tx, string patientId)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        RequireStaff(caller, "taking over a patient");
        var enrollment = await FindAsync(tx, patientId).ConfigureAwait(false) ?? throw Errors.NotFound($"patient '{patientId}' is not enrolled");
        var approvalKey = tx.Key(Keys.PatientTransferApproval, patientId);
        var approval = await tx.GetAsync<PatientTransfer>(approvalKey).ConfigureAwait(false);

        // The approval must be for this organization and still match the current enrolment (not a stale one).
        if (approval is null
            || !string.Equals(approval.ToMspId, caller.MspId, StringComparison.Ordinal)
            || !string.Equals(approval.FromMspId, enrollment.MspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"patient '{patientId}' has not approved a transfer to '{caller.MspId}'");
        }

        var completed = approval with { CompletedBy = caller.AsParty(), CompletedAt = tx.Now };
        var moved = new PatientEnrollment
        {
            PatientId = patientId,
            MspId = caller.MspId,
            EnrolledBy = caller.AsParty(),
            EnrolledAt = tx.Now,
            TransferredFrom = enrollment.MspId,
        };
        await tx.PutAsync(EnrollmentKey(tx, patientId), moved).ConfigureAwait(false);
        await tx.Stub.DelStateAsync(approvalKey, tx.CancellationToken).ConfigureAwait(false);
        await tx.PutAsync(tx.Key(Keys.PatientTransfer, patientId, Formats.SortableTime(tx.Now), tx.TxId), completed).ConfigureAwait(false);
        tx.Emit(EventNames.PatientTransferred, completed);
        return moved;
    }

    public static async Task<PatientEnrollment> GetAsync(Tx tx, string patientId)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var enrollment = await FindAsync(tx, patientId).ConfigureAwait(false) ?? throw Errors.NotFound($"patient '{patientId}' is not enrolled");
        if (caller.Role != Role.Regulator && !caller.IsPatient(patientId)
            && !(CallerResolver.IsStaff(caller) && string.Equals(caller.MspId, enrollment.MspId, StringComparison.Ordinal)))
        {
            throw Errors.Forbidden($"reading the enrolment of '{patientId}' is reserved to the patient, staff of '{enrollment.MspId}' and the regulator");
        }

        return enrollment;
    }

    private static void RequireStaff(Caller caller, string operation)
    {
        CallerResolver.RequireRole(caller, operation, Role.Doctor, Role.Pharmacist, Role.Service);
        if (caller.OrgKind is not (OrgKind.Hospital or OrgKind.Pharmacy))
        {
            throw Errors.Forbidden($"{operation} is reserved to hospitals and pharmacies, '{caller.MspId}' is neither");
        }
    }
}
