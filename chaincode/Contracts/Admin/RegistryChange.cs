namespace MedChain.Contracts.Admin;

/// <summary>
/// The state of a proposed registry after one member's approval: applied once a majority of the
/// current members approved the same content against the same current registry.
/// </summary>
public sealed record RegistryChange
{
    /// <summary>True when this approval completed the majority and the registry was replaced.</summary>
    public required bool Applied { get; init; }

    /// <summary>Hex SHA-256 naming the proposal (current registry and proposed content).</summary>
    public required string ProposalId { get; init; }

    /// <summary>The member organizations that approved it so far, sorted.</summary>
    public required IReadOnlyList<string> ApprovedBy { get; init; }

    /// <summary>How many approvals apply it.</summary>
    public required int Required { get; init; }

    /// <summary>The registry in force after this transaction.</summary>
    public required OrganizationRegistry Registry { get; init; }
}
