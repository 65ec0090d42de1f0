using MedChain.Contracts.Common;

namespace MedChain.Contracts.Admin;

/// <summary>A consortium member: its MSP id and kind.</summary>
public sealed record Organization
{
    /// <summary>The MSP id (e.g. <c>Org1MSP</c>).</summary>
    public required string MspId { get; init; }

    /// <summary>Hospital, pharmacy or regulator.</summary>
    public required OrgKind Kind { get; init; }
}
