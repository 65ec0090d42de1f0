using System.Security.Claims;
using System.Text.RegularExpressions;
using MedChain.FabricGateway.Authentication;
using MedChain.Identifiers;

namespace MedChain.FabricGateway.Identity;

/// <summary>An authenticated caller as the chain knows them: <c>medchain.id</c> and <c>medchain.role</c>.</summary>
public sealed partial record Person(string Id, string Role)
{
    /// <summary>Patients are identified by their pseudonym, everyone else by a person id (the chaincode's grammar).</summary>
    private const string _patientRole = "patient";

    /// <summary>The caller of <paramref name="user"/>, or null when the claims cannot name a Fabric identity.</summary>
    public static Person? FromPrincipal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(MedChainClaims.Id)?.Value;
        var roles = user.FindAll(MedChainClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();

        // One role per identity: a certificate carries a single medchain.role attribute.
        return roles is [var role] && RolePattern().IsMatch(role)
            && Ids.IsValid(role == _patientRole ? IdKind.Patient : IdKind.Person, id)
            ? new Person(id!, role)
            : null;
    }

    /// <summary>The certificate's common name (Fabric CA's enrolment id): role and id, so a person's roles never share a key.</summary>
    public string EnrollmentId => $"{Role}.{Id}";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();
}
