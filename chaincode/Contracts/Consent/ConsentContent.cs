namespace MedChain.Contracts.Consent;

/// <summary>The private part of a consent (collection <c>hospitalPharmacy</c>): scope, purpose and the client's salt.</summary>
public sealed record ConsentContent
{
    public required ConsentScope Scope { get; init; }

    public required ConsentPurpose Purpose { get; init; }

    /// <summary>Base64 of the client's random salt (transient <c>salt</c>), so the on-chain hash of this value cannot be confirmed by guessing.</summary>
    public string? Salt { get; init; }

    /// <summary>True when it covers this record (by id, or by type when the type is known) for this purpose (null: any).</summary>
    public bool Covers(string recordId, string? recordType, ConsentPurpose? purpose) =>
        (purpose is null || purpose == Purpose)
        && (Scope.RecordIds.Contains(recordId, StringComparer.Ordinal) || (recordType is not null && Scope.RecordTypes.Contains(recordType, StringComparer.Ordinal)));
}
