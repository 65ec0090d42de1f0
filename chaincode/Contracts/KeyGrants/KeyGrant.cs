using MedChain.Contracts.Common;

namespace MedChain.Contracts.KeyGrants;

/// <summary>
/// The record's data key wrapped for another organization, as the chain allowed it: under which consent, by
/// whom, and whether the grant was revoked (the custodian deletes the wrapped key only after that committed).
/// </summary>
public sealed record KeyGrant
{
    public required string RecordId { get; init; }

    /// <summary>The record's patient (pseudonym).</summary>
    public required string PatientId { get; init; }

    /// <summary>The organization that holds the record and wraps its key.</summary>
    public required string CustodianMspId { get; init; }

    /// <summary>The organization the key is wrapped for.</summary>
    public required string GranteeMspId { get; init; }

    /// <summary>The consent in force when the grant was made.</summary>
    public required string ConsentId { get; init; }

    public required Party GrantedBy { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>The granting transaction.</summary>
    public required string TxId { get; init; }

    /// <summary>True once no consent covers the grant any more and the custodian revoked it.</summary>
    public bool Revoked { get; init; }

    public Party? RevokedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
