using System.Security.Cryptography.X509Certificates;
using MedChain.Shim;

namespace MedChain.ContractApi.Internal;

/// <summary>Builds the real identity on first use: most reads never look at the submitter.</summary>
internal sealed class LazyClientIdentity(IChaincodeStub stub, Func<IChaincodeStub, IClientIdentity>? factory) : IClientIdentity
{
    private IClientIdentity? _identity;

    private IClientIdentity Identity => _identity ??= factory is null
        ? throw new InvalidOperationException("No client identity factory is configured on the ContractChaincode.")
        : factory(stub) ?? throw new InvalidOperationException("The client identity factory returned null.");

    public string MspId => Identity.MspId;

    public string Id => Identity.Id;

    public X509Certificate2 Certificate => Identity.Certificate;

    public string? GetAttributeValue(string name) => Identity.GetAttributeValue(name);

    public bool AssertAttributeValue(string name, string value) => Identity.AssertAttributeValue(name, value);
}
