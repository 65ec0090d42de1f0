using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Admin.Internal;

/// <summary>
/// The organization registry. Bootstrap: while no registry exists, the first
/// <c>ConfigureOrganizations</c> is accepted from a <c>service</c> identity of an organization that
/// the request itself lists as the regulator (the deploy script runs it right after committing the
/// chaincode definition; the <c>OrganizationsConfigured</c> event makes it auditable). From then
/// on only the regulator organization's <c>service</c> identities may change it, and they cannot
/// remove their own organization's regulator status (no lock-out).
/// </summary>
internal static class AdminOperations
{
    public const int MaxOrganizations = 64;

    public static async Task<OrganizationRegistry> ConfigureOrganizationsAsync(Tx tx, string request)
    {
        var current = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        var role = CallerResolver.ReadRole(tx);
        var mspId = tx.Identity.MspId;
        if (role != Role.Service)
        {
            throw Errors.Forbidden($"ConfigureOrganizations requires role 'service', the caller is '{EnumCodes<Role>.ToCode(role)}'");
        }

        if (current is not null && current.KindOf(mspId) != OrgKind.Regulator)
        {
            throw Errors.Forbidden($"only the regulator organization may change the registry, '{mspId}' is not it");
        }

        var (organizations, emergencyLimit) = Parse(request);
        if (organizations.FirstOrDefault(o => o.MspId == mspId)?.Kind != OrgKind.Regulator)
        {
            throw Errors.Invalid("request.organizations", $"must list the caller's organization '{mspId}' as 'regulator'");
        }

        var registry = new OrganizationRegistry
        {
            Organizations = organizations,
            EmergencyAccessesPerDoctorPerDay = emergencyLimit,
            UpdatedAt = tx.Now,
            UpdatedBy = new Party { MspId = mspId, Role = role, PersonId = tx.Identity.GetAttributeValue(CallerResolver.IdAttribute) },
        };
        await tx.PutAsync(CallerResolver.RegistryKey(tx), registry).ConfigureAwait(false);
        tx.Emit(EventNames.OrganizationsConfigured, registry);
        return registry;
    }

    public static async Task<OrganizationRegistry> GetOrganizationsAsync(Tx tx) =>
        await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false) ?? throw Errors.NotFound("the organization registry is not configured yet");

    private static (List<Organization> Organizations, int? EmergencyLimit) Parse(string request)
    {
        var input = JsonInput.Parse(request, "request");
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
                throw Errors.Invalid("request.organizations", $"lists '{org.MspId}' twice");
            }
        }

        return ([.. byMsp.Values], emergencyLimit);
    }
}
