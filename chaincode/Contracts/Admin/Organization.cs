using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;
using Newtonsoft.Json;

namespace MedChain.Contracts.Admin;

/// <summary>A consortium member: its MSP id and kind.</summary>
public sealed record Organization
{
    /// <summary>The MSP id (e.g. <c>Org1MSP</c>).</summary>
    [JsonProperty(Required = Required.Always)]
    [Id(IdKind.Msp)]
    public required string MspId { get; init; }

    /// <summary>Hospital, pharmacy or regulator.</summary>
    [JsonProperty(Required = Required.Always)]
    public required OrgKind Kind { get; init; }
}
