namespace MedChain.Contracts.Records.Internal;

/// <summary>The head pointer of a record's version chain, with what access rules need.</summary>
internal sealed record AnchorHead
{
    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required string PatientId { get; init; }

    public required string CustodianMspId { get; init; }

    public bool Erased { get; init; }
}
