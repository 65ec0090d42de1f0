using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using Newtonsoft.Json;

namespace MedChain.Contracts.Admin;

/// <summary>
/// A registry as requested by <c>Admin:InitRegistry</c> and <c>Admin:ConfigureOrganizations</c>:
/// <c>{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},…],"emergencyAccessesPerDoctorPerDay"?:5}</c>.
/// Bound with the MedChain input rules (duplicate or unknown properties refused, MSP id grammar,
/// each MSP once, a regulator present, limits), sorted by MSP id so every endorser writes the same.
/// </summary>
public sealed record OrganizationsRequest : IContractArgument<OrganizationsRequest>
{
    /// <summary>Most members a registry lists.</summary>
    public const int MaxOrganizations = 64;

    /// <summary>The members, sorted by MSP id.</summary>
    [JsonProperty(Required = Required.Always)]
    public required IReadOnlyList<Organization> Organizations { get; init; }

    /// <summary>Allowed break-glass accesses per doctor and UTC day; null: the default.</summary>
    public int? EmergencyAccessesPerDoctorPerDay { get; init; }

    /// <inheritdoc />
    public static OrganizationsRequest Bind(string json, string parameterName)
    {
        var input = JsonInput.Parse(json, parameterName);
        var items = input.ObjectList("organizations", MaxOrganizations);
        var emergencyLimit = (int?)input.OptionalInteger("emergencyAccessesPerDoctorPerDay", 1, Consent.Internal.EmergencyLimits.MaxPerDoctorPerDay);
        input.EnsureNoUnknownFields();
        var byMsp = new SortedDictionary<string, Organization>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var org = new Organization
            {
                MspId = item.RequiredString("mspId", 64, Formats.MspId(), Formats.MspIdDescription),
                Kind = item.RequiredEnum<OrgKind>("kind"),
            };
            item.EnsureNoUnknownFields();
            if (!byMsp.TryAdd(org.MspId, org))
            {
                throw Errors.Invalid($"{parameterName}.organizations", $"lists '{org.MspId}' twice");
            }
        }

        if (!byMsp.Values.Any(o => o.Kind == OrgKind.Regulator))
        {
            throw Errors.Invalid($"{parameterName}.organizations", "must list a 'regulator' organization");
        }

        return new OrganizationsRequest { Organizations = [.. byMsp.Values], EmergencyAccessesPerDoctorPerDay = emergencyLimit };
    }
}
