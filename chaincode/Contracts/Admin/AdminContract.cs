using MedChain.ContractApi;
using MedChain.Contracts.Admin.Internal;
using MedChain.Contracts.Common;
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
    /// Bootstraps the registry in the chaincode's init invocation (<c>--isInit</c>), which the peer runs
    /// once, first, endorsed under the chaincode's policy. Request: <c>{"organizations":[{"mspId":"Org1MSP",
    /// "kind":"hospital"},…],"emergencyAccessesPerDoctorPerDay"?:5}</c>. Also sets the registry key's
    /// endorsement policy: a majority of the members' peers.
    /// </summary>
    [Transaction(Description = "Bootstraps the organization registry; only in the chaincode's init invocation, once.")]
    public static Task<OrganizationRegistry> InitRegistry(Context ctx, OrganizationsRequest request) =>
        AdminOperations.InitRegistryAsync(Tx.Of(ctx), request);

    /// <summary>
    /// A member organization's <c>service</c> identity approves a new registry (same request shape as
    /// <see cref="InitRegistry"/>); it replaces the registry once a majority of the current members
    /// approved the same content, and the write must carry a majority of the members' endorsements.
    /// </summary>
    [Callers(Role.Service)]
    [Transaction(Description = "Approves a new organization registry; applied once a majority of the members approved it.")]
    public static Task<RegistryChange> ConfigureOrganizations(Context ctx, OrganizationsRequest request) =>
        AdminOperations.ConfigureOrganizationsAsync(Tx.Of(ctx), request);

    /// <summary>The current registry.</summary>
    [Transaction(Evaluate = true, Description = "The organization registry.")]
    public static Task<OrganizationRegistry> GetOrganizations(Context ctx) => AdminOperations.GetOrganizationsAsync(Tx.Of(ctx));

    /// <inheritdoc />
    protected override bool IsInitFunction(string functionName) => functionName == nameof(InitRegistry);
}
