using MedChain.Contracts.Common;

namespace MedChain.Contracts.Records;

/// <summary>A doctor's attestation of one version of a record (one per doctor and version).</summary>
public sealed record RecordSignOff
{
    public required string RecordId { get; init; }

    public required int Version { get; init; }

    /// <summary>The signing doctor.</summary>
    public required Party Doctor { get; init; }

    /// <summary>The hash the doctor attested (the version's SHA-256 at signing time).</summary>
    public required string Sha256 { get; init; }

    public required DateTimeOffset SignedAt { get; init; }

    public required string TxId { get; init; }
}
