namespace MedChain.Contracts.Records;

/// <summary>Whether a hash matches an anchored version (no other details, so anyone may ask).</summary>
public sealed record VerifyResult
{
    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required bool Matches { get; init; }

    public required bool Erased { get; init; }
}
