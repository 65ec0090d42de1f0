using System.Text.Json.Serialization;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Admin;

/// <summary>A consortium member: its MSP id and kind.</summary>
public sealed record Organization
{
    /// <summary>The MSP id (e.g. <c>Org1MSP</c>).</summary>
    [JsonRequired]
    [Id(IdKind.Msp)]
    public required string MspId { get; init; }

    /// <summary>Hospital, pharmacy or regulator.</summary>
    [JsonRequired]
    public required OrgKind Kind { get; init; }
}
