using MedChain.Contracts.Common;

namespace MedChain.Contracts.Records;

/// <summary>
/// One record in a patient's record list (<c>RecordAnchor:ListByPatient</c>): ids, custodian, the current version's
/// hash and state, its sign-offs. No clinical content; the record type only for callers who may see it.
/// </summary>
public sealed record PatientRecord
{
    public required string RecordId { get; init; }

    public required string PatientId { get; init; }

    public required string CustodianMspId { get; init; }

    /// <summary>The current version.</summary>
    public required int Version { get; init; }

    /// <summary>The current version's anchored ciphertext SHA-256.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required DateTimeOffset AnchoredAt { get; init; }

    /// <summary>The version the current one superseded, if any.</summary>
    public int? Supersedes { get; init; }

    public bool Erased { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>
    /// The record's type (private collection) for the patient, their delegates and staff of an organization that
    /// is the custodian or holds a consent covering the record; absent for the regulator, or when the custodian gave none.
    /// </summary>
    public string? RecordType { get; init; }

    /// <summary>The current version's sign-offs, in key order.</summary>
    public required IReadOnlyList<RecordSignOff> SignOffs { get; init; }
}
