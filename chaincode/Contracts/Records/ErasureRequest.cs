using MedChain.Contracts.Common;

namespace MedChain.Contracts.Records;

/// <summary>
/// The basis of an erasure: a request the patient submitted (signed with their own certificate) or an
/// order of the regulator. The custodian's service may erase only while one is pending; it stays on
/// chain, completed, as the record of why.
/// </summary>
public sealed record ErasureRequest
{
    public required string RecordId { get; init; }

    public required string PatientId { get; init; }

    /// <summary><c>patient-request</c> or <c>regulator-order</c>.</summary>
    public required string Basis { get; init; }

    public required Party RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required string RequestTxId { get; init; }

    /// <summary>The custodian service that erased the record (null while pending).</summary>
    public Party? CompletedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
