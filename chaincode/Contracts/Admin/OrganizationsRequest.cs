using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Admin;

/// <summary>
/// A registry as requested by <c>Admin:InitRegistry</c> and <c>Admin:ConfigureOrganizations</c>:
/// <c>{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},…],"emergencyAccessesPerDoctorPerDay"?:5}</c>.
/// Beyond its schema: each MSP once and a regulator present; sorted by MSP id so every endorser writes the same.
/// </summary>
public sealed record OrganizationsRequest : IContractRequest<OrganizationsRequest>
{
    /// <summary>Most members a registry lists.</summary>
    public const int MaxOrganizations = 64;

    /// <summary>The members, sorted by MSP id.</summary>
    [JsonRequired]
    [Schema(MinItems = 1, MaxItems = MaxOrganizations)]
    public required IReadOnlyList<Organization> Organizations { get; init; }

    /// <summary>Allowed break-glass accesses per doctor and UTC day; null: the default.</summary>
    [Schema(Minimum = 1, Maximum = EmergencyLimits.MaxPerDoctorPerDay)]
    public int? EmergencyAccessesPerDoctorPerDay { get; init; }

    /// <inheritdoc />
    public OrganizationsRequest Validated(string parameterName)
    {
        var byMsp = new SortedDictionary<string, Organization>(StringComparer.Ordinal);
        foreach (var org in Organizations)
        {
            if (!byMsp.TryAdd(org.MspId, org))
            {
                throw Errors.Invalid($"{parameterName}.organizations", $"lists '{org.MspId}' twice");
            }
        }

        return byMsp.Values.Any(o => o.Kind == OrgKind.Regulator)
            ? this with { Organizations = [.. byMsp.Values] }
            : throw Errors.Invalid($"{parameterName}.organizations", "must list a 'regulator' organization");
    }
}
