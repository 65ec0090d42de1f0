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
    Task<LedgerWrite<ConsentView>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken);

    /// <summary>Submits <c>Consent:Revoke</c> (the patient or a delegate) and waits for the commit.</summary>
    Task<LedgerWrite<ConsentView>> RevokeAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken);

    /// <summary>One page of the patient's access log (the patient, a delegate, the regulator).</summary>
    Task<LedgerPage<JsonElement>> ListAccessLogAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken);
}

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

/// <summary>A consent as the chaincode returns it (the fields the service passes on).</summary>
public sealed record ConsentView(string ConsentId, string PatientId, ConsentGrantee Grantee, ConsentScopeView Scope, string Purpose, ConsentPeriod Period, string Status);

/// <summary>One page of a listing: its items, the bookmark of the next, how many keys the page read (fewer than asked: the last page).</summary>
public sealed record LedgerPage<T>(IReadOnlyList<T> Items, string Bookmark, int FetchedCount);
