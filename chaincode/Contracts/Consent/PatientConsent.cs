using MedChain.Contracts.Common;

namespace MedChain.Contracts.Consent;

/// <summary>
/// A patient's consent (FHIR Consent, reduced to what the chain must know). The shared ledger holds
/// it without <see cref="Scope"/> and <see cref="Purpose"/> (issue #11: they are content, kept in the
/// private collection); reads return them to the parties who may see them.
/// </summary>
public sealed record PatientConsent
{
    /// <summary><c>cns-</c> + the granting transaction's id.</summary>
    public required string ConsentId { get; init; }

    /// <summary>The patient's pseudonym.</summary>
    public required string PatientId { get; init; }

    public required Grantee Grantee { get; init; }

    /// <summary>What it covers (private content; null on the shared ledger and in submitted responses and for the regulator).</summary>
    public ConsentScope? Scope { get; init; }

    /// <summary>What for (private content; null where <see cref="Scope"/> is).</summary>
    public ConsentPurpose? Purpose { get; init; }

    /// <summary>Validity (FHIR provision.period); access outside it is denied.</summary>
    public required Period Period { get; init; }

    public required ConsentStatus Status { get; init; }

    /// <summary>The patient or their delegate.</summary>
    public required Party GrantedBy { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    public Party? RevokedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>
    /// True when the consent, by its public part, may let this caller in at <paramref name="time"/>:
    /// active, in its period, granted to the caller's organization (and person). The private part
    /// (<see cref="ConsentContent.Covers"/>) decides record and purpose.
    /// </summary>
    public bool MayPermit(Caller caller, DateTimeOffset time) =>
        Status == ConsentStatus.Active
        && caller.Role != Role.Patient
        && Period.Contains(time)
        && string.Equals(Grantee.MspId, caller.MspId, StringComparison.Ordinal)
        && (Grantee.PersonId is null || string.Equals(Grantee.PersonId, caller.PersonId, StringComparison.Ordinal));

    /// <summary>The consent as the shared ledger holds it: no content.</summary>
    public PatientConsent Public() => this with { Scope = null, Purpose = null };

    /// <summary>The consent with its private content.</summary>
    public PatientConsent With(ConsentContent content) => this with { Scope = content.Scope, Purpose = content.Purpose };
}
