using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.Consent.Internal;

/// <summary>Who may read a record, and who acts for a patient. Shared by the consent and record contracts.</summary>
internal static class ConsentRules
{
    public const string ReasonPatient = "patient";
    public const string ReasonDelegate = "delegate";
    public const string ReasonCustodian = "custodian";
    public const string ReasonConsent = "consent";
    public const string ReasonRegulator = "regulator";
    public const string ReasonEmergency = "emergency";
    public const string ReasonNoConsent = "no-consent";
    public const string ReasonErased = "record-erased";
    public const string ReasonEmergencyLimit = "emergency-limit";

    public static string DelegateKey(Tx tx, string patientId, string mspId, string personId) =>
        tx.Key(Keys.Delegate, patientId, mspId, personId);

    public static async Task<bool> IsDelegateAsync(Tx tx, Caller caller, string patientId) =>
        caller.PersonId is not null && await tx.ExistsAsync(DelegateKey(tx, patientId, caller.MspId, caller.PersonId)).ConfigureAwait(false);

    /// <summary>The patient themself, or a delegate they named; throws otherwise.</summary>
    public static async Task RequirePatientOrDelegateAsync(Tx tx, Caller caller, string patientId, string operation)
    {
        if (caller.IsPatient(patientId) || await IsDelegateAsync(tx, caller, patientId).ConfigureAwait(false))
        {
            return;
        }

        throw Errors.Forbidden($"{operation} is reserved to the patient '{patientId}' or a delegate they named");
    }

    /// <summary>The patient, a delegate or the regulator (who audits); throws otherwise.</summary>
    public static async Task RequirePatientDelegateOrRegulatorAsync(Tx tx, Caller caller, string patientId, string operation)
    {
        if (caller.Role == Role.Regulator)
        {
            return;
        }

        await RequirePatientOrDelegateAsync(tx, caller, patientId, operation).ConfigureAwait(false);
    }

    /// <summary>The first (in key order, so deterministic) consent of the patient that lets the caller read the record.</summary>
    public static async Task<PatientConsent?> FindConsentAsync(Tx tx, Caller caller, AnchorHead head, ConsentPurpose? purpose)
    {
        if (caller.OrgKind == OrgKind.Regulator)
        {
            // Consents are content the regulator's organization holds no peer for; supervision has its own listings.
            return null;
        }

        // A patient's consents are few; scanning them keeps the consent keys the only public ones read.
        var consents = await tx.ScanAsync<PatientConsent>(Keys.Consent, [head.PatientId]).ConfigureAwait(false);
        return await FirstCoveringAsync(tx, consents.Where(c => c.MayPermit(caller, tx.Now)), head, purpose).ConfigureAwait(false);
    }

    /// <summary>The first of <paramref name="candidates"/> whose private content covers the record for the purpose (null: any).</summary>
    public static async Task<PatientConsent?> FirstCoveringAsync(Tx tx, IEnumerable<PatientConsent> candidates, AnchorHead head, ConsentPurpose? purpose)
    {
        string? recordType = null;
        var typeRead = false;
        foreach (var consent in candidates)
        {
            var content = await ConsentOperations.GetContentAsync(tx, consent).ConfigureAwait(false);
            if (content.Scope.RecordTypes.Count > 0 && !typeRead)
            {
                recordType = await RecordTypes.FindAsync(tx, head.RecordId).ConfigureAwait(false);
                typeRead = true;
            }

            if (content.Covers(head.RecordId, recordType, purpose))
            {
                return consent;
            }
        }

        return null;
    }

    /// <summary>
    /// The read rule: erased records are denied to all; then the patient, their delegates and the
    /// custodian's doctors and services are allowed; anyone else needs a consent in force at the
    /// transaction time for that purpose.
    /// </summary>
    public static async Task<(bool Allowed, string Reason, string? ConsentId)> EvaluateReadAsync(Tx tx, Caller caller, AnchorHead head, ConsentPurpose purpose)
    {
        if (head.Erased)
        {
            return (false, ReasonErased, null);
        }

        if (caller.IsPatient(head.PatientId))
        {
            return (true, ReasonPatient, null);
        }

        if (await IsDelegateAsync(tx, caller, head.PatientId).ConfigureAwait(false))
        {
            return (true, ReasonDelegate, null);
        }

        if (IsCustodianStaff(caller, head))
        {
            return (true, ReasonCustodian, null);
        }

        var consent = await FindConsentAsync(tx, caller, head, purpose).ConfigureAwait(false);
        return consent is null ? (false, ReasonNoConsent, null) : (true, ReasonConsent, consent.ConsentId);
    }

    public static bool IsCustodianStaff(Caller caller, AnchorHead head) =>
        string.Equals(caller.MspId, head.CustodianMspId, StringComparison.Ordinal) && caller.Role is Role.Doctor or Role.Service;
}
