using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Consent;

/// <summary>Patients' consents, their delegates, access checks with the access log, and break-glass access.</summary>
[Contract(Name = "Consent", Description = "Patient consent (FHIR Consent), access checks, access log and break-glass access.")]
public sealed class ConsentContract : MedChainContract
{
    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public ConsentContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public ConsentContract(MedChainOptions? options)
        : base(options)
    {
    }

    /// <summary>
    /// The patient (or a delegate) grants access (request: <see cref="ConsentRequest"/>, in transient
    /// <c>request</c>: scope and purpose are content and must not be in the block; optional transient <c>salt</c>).
    /// </summary>
    [Callers]
    [Transaction(Description = "Grants a consent (patient or delegate); the request comes in transient 'request' (optional transient 'salt', 16-64 random bytes). Returns the consent without scope and purpose (they stay in the private collection); its id is 'cns-' + the transaction id.")]
    public static Task<PatientConsent> Grant(Context ctx, [Transient("request")] ConsentRequest request) => ConsentOperations.GrantAsync(Tx.Of(ctx), request);

    [Callers]
    [Transaction(Description = "Revokes an active consent (patient or delegate): status becomes 'inactive'.")]
    public static Task<PatientConsent> Revoke(Context ctx, string patientId, string consentId) =>
        ConsentOperations.RevokeAsync(Tx.Of(ctx), patientId, consentId);

    [Callers]
    [Transaction(Evaluate = true, Description = "One consent with its scope and purpose (patient, delegate, grantee organization); the regulator sees it without them.")]
    public static Task<PatientConsent> Get(Context ctx, string patientId, string consentId) =>
        ConsentOperations.GetAsync(Tx.Of(ctx), patientId, consentId);

    [Callers]
    [Transaction(Evaluate = true, Description = "A patient's consents, paged (patient, delegate, regulator).")]
    public static Task<Page<PatientConsent>> ListByPatient(Context ctx, string patientId, int pageSize, string bookmark) =>
        ConsentOperations.ListByPatientAsync(Tx.Of(ctx), patientId, pageSize, bookmark);

    [Callers(Role.Doctor, Role.Pharmacist, Role.Service, Role.Regulator)]
    [Transaction(Evaluate = true, Description = "Consents granted to an organization, paged (that organization, regulator).")]
    public static Task<Page<PatientConsent>> ListByGrantee(Context ctx, string granteeMspId, int pageSize, string bookmark) =>
        ConsentOperations.ListByGranteeAsync(Tx.Of(ctx), granteeMspId, pageSize, bookmark);

    [Callers(Role.Patient)]
    [Transaction(Description = "The patient names a delegate who may grant and revoke for them.")]
    public static Task<Delegation> AddDelegate(Context ctx, string patientId, string mspId, string personId) =>
        ConsentOperations.AddDelegateAsync(Tx.Of(ctx), patientId, mspId, personId);

    [Callers(Role.Patient)]
    [Transaction(Description = "The patient removes a delegate.")]
    public static Task<Delegation> RemoveDelegate(Context ctx, string patientId, string mspId, string personId) =>
        ConsentOperations.RemoveDelegateAsync(Tx.Of(ctx), patientId, mspId, personId);

    /// <summary>
    /// Submit (not evaluate): the answer is written to the patient's access log. The endorsed answer is
    /// only a proposal that may never commit (MVCC conflict, missing endorsements, a submitter that never
    /// submits): nothing may be released on an access decision until the transaction that logged it
    /// committed VALID, so that every access released is on the log. A denial carries no patient data.
    /// </summary>
    [Callers]
    [Transaction(Description = "May the caller read the record for the purpose (transient 'purpose') at the transaction time? Logs the check (without the purpose) and emits AccessLogged.")]
    public static Task<AccessCheckResult> CheckAccess(Context ctx, string recordId, [Transient("purpose")] string purpose) =>
        AccessOperations.CheckAccessAsync(Tx.Of(ctx), recordId, purpose);

    /// <summary>See <see cref="CheckAccess"/>: nothing may be released before the transaction committed VALID.</summary>
    [Callers(Role.Doctor)]
    [Transaction(Description = "Break-glass read by a doctor: reason code (patient-unconscious, life-threatening, resuscitation, poisoning, other), the SHA-256 and the off-chain id of the encrypted reason document (the text never reaches the chain); per-doctor daily limit from the registry; logged as emergency, emits EmergencyAccess.")]
    public static Task<AccessCheckResult> EmergencyAccess(Context ctx, string recordId, string reasonCode, string reasonDocumentSha256, string reasonDocumentId) =>
        AccessOperations.EmergencyAccessAsync(Tx.Of(ctx), recordId, reasonCode, reasonDocumentSha256, reasonDocumentId);

    /// <summary>Submit: the review is logged, naming the reader, before the service releases the reason text.</summary>
    [Callers(Role.Regulator, Role.Doctor, Role.Service)]
    [Transaction(Description = "The regulator, or staff (doctor, service) of the accessing doctor's organization, reads a break-glass reason: logged (emergency-review), emits EmergencyReasonReviewed; returns the reason document's id and SHA-256.")]
    public static Task<EmergencyReasonReview> ReviewEmergencyReason(Context ctx, string entryId) =>
        AccessOperations.ReviewEmergencyReasonAsync(Tx.Of(ctx), entryId);

    [Callers]
    [Transaction(Evaluate = true, Description = "A patient's access log, oldest first, paged (patient, delegate, regulator).")]
    public static Task<Page<AccessLogEntry>> ListAccessLog(Context ctx, string patientId, int pageSize, string bookmark) =>
        AccessOperations.ListAccessLogAsync(Tx.Of(ctx), patientId, pageSize, bookmark);

    [Callers(Role.Regulator)]
    [Transaction(Evaluate = true, Description = "All break-glass accesses, oldest first, paged (regulator).")]
    public static Task<Page<AccessLogEntry>> ListEmergencyAccesses(Context ctx, int pageSize, string bookmark) =>
        AccessOperations.ListEmergencyAccessesAsync(Tx.Of(ctx), pageSize, bookmark);
}
