namespace MedChain.Contracts.Consent;

/// <summary>Who a consent is granted to: an organization, optionally one person in it.</summary>
public sealed record Grantee
{
    /// <summary>The grantee organization's MSP id.</summary>
    public required string MspId { get; init; }

    /// <summary>One person (<c>medchain.id</c>) of that organization; null: anyone in it.</summary>
    public string? PersonId { get; init; }
}
