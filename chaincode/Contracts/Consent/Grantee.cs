using System.Text.Json.Serialization;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Consent;

/// <summary>Who a consent is granted to: an organization, optionally one person in it.</summary>
public sealed record Grantee
{
    /// <summary>The grantee organization's MSP id.</summary>
    [JsonRequired]
    [Id(IdKind.Msp)]
    public required string MspId { get; init; }

    /// <summary>One person (<c>medchain.id</c>) of that organization; null: anyone in it.</summary>
    [Id(IdKind.Person)]
    public string? PersonId { get; init; }
}
