using MedChain.Contracts.Common;

namespace MedChain.Contracts.Consent;

/// <summary>A patient's consent (FHIR Consent, reduced to what the chain must know).</summary>
public sealed record PatientConsent
{
    /// <summary><c>cns-</c> + the granting transaction's id.</summary>
    public required string ConsentId { get; init; }

    /// <summary>The patient's pseudonym.</summary>
    public required string PatientId { get; init; }

    public required Grantee Grantee { get; init; }

    public required ConsentScope Scope { get; init; }

    public required ConsentPurpose Purpose { get; init; }

    /// <summary>Validity (FHIR provision.period); access outside it is denied.</summary>
    public required Period Period { get; init; }

    public required ConsentStatus Status { get; init; }

    /// <summary>The patient or their delegate.</summary>
    public required Party GrantedBy { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    public Party? RevokedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>
    /// True when the consent lets this caller in at <paramref name="time"/> for this record and purpose
    /// (null: any purpose). A consent to an organization covers its staff, not other patients enrolled there.
    /// </summary>
    public bool Permits(Caller caller, string recordId, string recordType, ConsentPurpose? purpose, DateTimeOffset time) =>
        Status == ConsentStatus.Active
        && caller.Role != Role.Patient
        && Period.Contains(time)
        && string.Equals(Grantee.MspId, caller.MspId, StringComparison.Ordinal)
        && (Grantee.PersonId is null || string.Equals(Grantee.PersonId, caller.PersonId, StringComparison.Ordinal))
        && (purpose is null || purpose == Purpose)
        && Scope.Covers(recordId, recordType);
}
