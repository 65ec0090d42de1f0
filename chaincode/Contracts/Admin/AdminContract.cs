using MedChain.ContractApi;
using MedChain.Contracts.Admin.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Admin;

/// <summary>
/// The consortium's organization registry (MSP id → hospital, pharmacy or regulator), kept on the
/// ledger so every endorser resolves callers the same way.
/// </summary>
[Contract(Name = "Admin", Description = "Organization registry: which MSP ids are hospitals, pharmacies and the regulator.")]
public sealed class AdminContract : MedChainContract
{
    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public AdminContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public AdminContract(MedChainOptions? options)
        : base(options)
    {
    }

    /// <summary>
    /// Replaces the registry. Request: <c>{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},…],
    /// "emergencyAccessesPerDoctorPerDay"?:5}</c>.
    /// The first call bootstraps it (a <c>service</c> identity of the organization the request lists
    /// as regulator); later calls need a <c>service</c> identity of the regulator organization.
    /// </summary>
    [Transaction(Description = "Sets the organization registry (bootstrap: first call by the regulator org's service identity).")]
    public static Task<OrganizationRegistry> ConfigureOrganizations(Context ctx, string request) =>
        AdminOperations.ConfigureOrganizationsAsync(Tx.Of(ctx), request);

    /// <summary>The current registry.</summary>
    [Transaction(Evaluate = true, Description = "The organization registry.")]
    public static Task<OrganizationRegistry> GetOrganizations(Context ctx) => AdminOperations.GetOrganizationsAsync(Tx.Of(ctx));
}
