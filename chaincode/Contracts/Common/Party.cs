namespace MedChain.Contracts.Common;

/// <summary>Who did something on chain: organization, role and (pseudonymous) person id.</summary>
public sealed record Party
{
    /// <summary>The MSP id of the organization.</summary>
    public required string MspId { get; init; }

    /// <summary>The role the caller acted in.</summary>
    public required Role Role { get; init; }

    /// <summary>The person id (<c>medchain.id</c>); null for a service account without one.</summary>
    public string? PersonId { get; init; }
}
