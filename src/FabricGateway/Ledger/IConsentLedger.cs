using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>The consent contract as the service uses it; every call as <c>caller</c>, the person.</summary>
public interface IConsentLedger
{
    /// <summary>
    /// Submits <c>Consent:CheckAccess</c> and waits for the commit: the answer counts only once the transaction
    /// that wrote it to the access log committed VALID (otherwise <see cref="FabricClient.CommitException"/>).
    /// </summary>
    Task<LedgerWrite<AccessCheck>> CheckAccessAsync(FabricSigningIdentity caller, string recordId, string purpose, CancellationToken cancellationToken);

    /// <summary>Submits <c>Consent:Grant</c> (the chaincode allows only the patient or a delegate) and waits for the commit.</summary>
    Task<LedgerWrite<ConsentState>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken);

    /// <summary>Submits <c>Consent:Revoke</c> (the patient or a delegate) and waits for the commit.</summary>
    Task<LedgerWrite<ConsentState>> RevokeAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken);

    /// <summary>One page of the patient's access log (the patient, a delegate, the regulator).</summary>
    Task<LedgerPage<JsonElement>> ListAccessLogAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Consent:Get</c>: one consent (patient, delegate, grantee organization, regulator).</summary>
    Task<ConsentView> GetAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Consent:ListByPatient</c> (patient, delegate, regulator).</summary>
    Task<LedgerPage<ConsentView>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Consent:ListByGrantee</c> (staff of that organization, regulator).</summary>
    Task<LedgerPage<ConsentView>> ListByGranteeAsync(FabricSigningIdentity caller, string granteeMspId, int pageSize, string? bookmark, CancellationToken cancellationToken);

    /// <summary>Submits <c>Consent:AddDelegate</c> (the patient) and waits for the commit.</summary>
    Task<LedgerWrite<JsonElement>> AddDelegateAsync(FabricSigningIdentity caller, string patientId, string mspId, string personId, CancellationToken cancellationToken);

    /// <summary>Submits <c>Consent:RemoveDelegate</c> (the patient) and waits for the commit.</summary>
    Task<LedgerWrite<JsonElement>> RemoveDelegateAsync(FabricSigningIdentity caller, string patientId, string mspId, string personId, CancellationToken cancellationToken);

    /// <summary>
    /// Submits <c>Consent:EmergencyAccess</c> (a doctor's break-glass read) and waits for the commit. The free text
    /// never reaches the chain: it is in an encrypted document, and the chain keeps <paramref name="reasonDocumentSha256"/>
    /// and the document's id <paramref name="reasonDocumentId"/> (opaque, so a review can name it).
    /// </summary>
    Task<LedgerWrite<AccessCheck>> EmergencyAccessAsync(FabricSigningIdentity caller, string recordId, string reasonCode, string reasonDocumentSha256, string reasonDocumentId, CancellationToken cancellationToken);

    /// <summary>
    /// Submits <c>Consent:ReviewEmergencyReason</c> (the regulator, or staff of the accessing doctor's organization) and
    /// waits for the commit: the read of a break-glass reason is logged, naming the reader, before the text is released.
    /// </summary>
    Task<LedgerWrite<EmergencyReview>> ReviewEmergencyReasonAsync(FabricSigningIdentity caller, string entryId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>Consent:ListEmergencyAccesses</c> (the regulator).</summary>
    Task<LedgerPage<JsonElement>> ListEmergencyAccessesAsync(FabricSigningIdentity caller, int pageSize, string? bookmark, CancellationToken cancellationToken);
}

/// <summary>What <c>Consent:ReviewEmergencyReason</c> answers: the access, its reason document (id, hash) and the review.</summary>
public sealed record EmergencyReview(
    string EntryId, string PatientId, string RecordId, JsonElement Requester, DateTimeOffset AccessedAt, string ReasonCode,
    string ReasonDocumentId, string ReasonDocumentSha256, JsonElement Reviewer, DateTimeOffset ReviewedAt, string ReviewTxId);

/// <summary>The chaincode's answer to an access check (a denial names no patient).</summary>
public sealed record AccessCheck(bool Allowed, string Reason, string EntryId, string? ConsentId, string? PatientId);

/// <summary>What <c>Consent:Grant</c> takes.</summary>
public sealed record ConsentGrant(string PatientId, ConsentGrantee Grantee, ConsentScopeView Scope, string Purpose, ConsentPeriod Period);

/// <summary>The organization (and optionally the one person in it) a consent is for.</summary>
public sealed record ConsentGrantee(string MspId, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PersonId);

/// <summary>Record types and record ids a consent covers.</summary>
public sealed record ConsentScopeView(IReadOnlyList<string> RecordTypes, IReadOnlyList<string> RecordIds);

/// <summary>A consent's validity; no start means from the granting transaction's time.</summary>
public sealed record ConsentPeriod([property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Start, DateTimeOffset End);

/// <summary>What a consent write answers, and all the service relies on from it: ids and state.</summary>
public sealed record ConsentState(string ConsentId, string PatientId, string Status);

/// <summary>A consent as the chaincode returns it (the fields the service passes on).</summary>
public sealed record ConsentView(string ConsentId, string PatientId, ConsentGrantee Grantee, ConsentScopeView Scope, string Purpose, ConsentPeriod Period, string Status);

/// <summary>One page of a listing: its items, the bookmark of the next, how many keys the page read (fewer than asked: the last page).</summary>
public sealed record LedgerPage<T>(IReadOnlyList<T> Items, string Bookmark, int FetchedCount);
