using MedChain.Contracts.Admin;
using MedChain.Contracts.Common;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Resolves the submitter: organization kind from the on-chain registry, role from the certificate
/// attribute <c>medchain.role</c>, person id from <c>medchain.id</c>; and checks that the role fits
/// the organization (doctors in hospitals, pharmacists in pharmacies, regulators in the regulator).
/// </summary>
internal static class CallerResolver
{
    public const string RoleAttribute = "medchain.role";
    public const string IdAttribute = "medchain.id";

    public static Task<OrganizationRegistry?> GetRegistryAsync(Tx tx) => tx.GetAsync<OrganizationRegistry>(RegistryKey(tx));

    public static string RegistryKey(Tx tx) => tx.Key(Keys.Config, "organizations");

    public static async Task<Caller> ResolveAsync(Tx tx)
    {
        var registry = await GetRegistryAsync(tx).ConfigureAwait(false)
            ?? throw Errors.Forbidden("the organization registry is not configured yet (Admin:ConfigureOrganizations)");
        var mspId = tx.Identity.MspId;
        var kind = registry.KindOf(mspId) ?? throw Errors.Forbidden($"organization '{mspId}' is not a registered MedChain member");
        var role = ReadRole(tx);
        var personId = tx.Identity.GetAttributeValue(IdAttribute);

        var fits = role switch
        {
            Role.Doctor => kind == OrgKind.Hospital,
            Role.Pharmacist => kind == OrgKind.Pharmacy,
            Role.Regulator => kind == OrgKind.Regulator,
            Role.Patient => kind is OrgKind.Hospital or OrgKind.Pharmacy,
            _ => true,
        };
        if (!fits)
        {
            throw Errors.Forbidden($"role '{EnumCodes<Role>.ToCode(role)}' is not valid in {EnumCodes<OrgKind>.ToCode(kind)} organization '{mspId}'");
        }

        if (personId is null)
        {
            if (role is Role.Doctor or Role.Pharmacist or Role.Patient)
            {
                throw Errors.Forbidden($"the certificate has no '{IdAttribute}' attribute, required for role '{EnumCodes<Role>.ToCode(role)}'");
            }
        }
        else if (role == Role.Patient ? !Formats.PatientId().IsMatch(personId) : !Formats.PersonId().IsMatch(personId))
        {
            throw Errors.Forbidden($"the certificate's '{IdAttribute}' attribute is malformed");
        }

        if (role == Role.Patient)
        {
            // Any member's CA can put any pseudonym in a certificate: only the enrolling organization's counts.
            var enrollment = await tx.GetAsync<Patients.PatientEnrollment>(tx.Key(Keys.Patient, personId!)).ConfigureAwait(false)
                ?? throw Errors.Forbidden($"patient '{personId}' is not enrolled (Patient:Enroll by their organization)");
            if (!string.Equals(enrollment.MspId, mspId, StringComparison.Ordinal))
            {
                throw Errors.Forbidden($"patient '{personId}' is enrolled at '{enrollment.MspId}', not '{mspId}'");
            }
        }

        return new Caller(mspId, kind, role, personId);
    }

    /// <summary>Staff of an organization: doctors, pharmacists and its service accounts (membership alone grants nothing).</summary>
    public static bool IsStaff(Caller caller) => caller.Role is Role.Doctor or Role.Pharmacist or Role.Service;

    /// <summary>The role attribute alone (also used before the registry exists, to bootstrap it).</summary>
    public static Role ReadRole(Tx tx)
    {
        var code = tx.Identity.GetAttributeValue(RoleAttribute)
            ?? throw Errors.Forbidden($"the certificate has no '{RoleAttribute}' attribute");
        return EnumCodes<Role>.TryParse(code, out var role)
            ? role
            : throw Errors.Forbidden($"unknown '{RoleAttribute}' value '{(code.Length > 32 ? code[..32] : code)}'");
    }

    /// <summary>Throws unless the caller has one of <paramref name="roles"/>.</summary>
    public static void RequireRole(Caller caller, string operation, params Role[] roles)
    {
        if (!roles.Contains(caller.Role))
        {
            throw Errors.Forbidden($"{operation} requires role {string.Join(" or ", roles.Select(r => $"'{EnumCodes<Role>.ToCode(r)}'"))}, the caller is '{EnumCodes<Role>.ToCode(caller.Role)}'");
        }
    }
}
