using MedChain.Contracts.Common;

namespace MedChain.Contracts.Admin;

/// <summary>
/// The consortium's members as stored on chain (one key). Kept on the ledger rather than in the
/// chaincode's environment because every endorser must decide the same way.
/// </summary>
public sealed record OrganizationRegistry
{
    /// <summary>The members, sorted by MSP id.</summary>
    public required IReadOnlyList<Organization> Organizations { get; init; }

    /// <summary>Allowed break-glass accesses per doctor and UTC day; null: the default (5).</summary>
    public int? EmergencyAccessesPerDoctorPerDay { get; init; }

    /// <summary>Transaction time of the last change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who made the last change.</summary>
    public required Party UpdatedBy { get; init; }

    /// <summary>The kind of <paramref name="mspId"/>, or null when it is not a member.</summary>
    public OrgKind? KindOf(string mspId) =>
        Organizations.FirstOrDefault(o => string.Equals(o.MspId, mspId, StringComparison.Ordinal))?.Kind;
}
