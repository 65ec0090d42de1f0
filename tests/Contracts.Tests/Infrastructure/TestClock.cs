namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>An endorser's clock the test sets: by default it follows the time of each transaction submitted.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    /// <summary>When set, the endorser's clock stays here whatever time a proposal claims.</summary>
    public DateTimeOffset? Pinned { get; set; }

    public override DateTimeOffset GetUtcNow() => Pinned ?? Now;

    /// <summary>The chaincode endorsing on this clock.</summary>
    public ContractApi.ContractChaincode Chaincode(Func<Shim.IChaincodeStub, Shim.IClientIdentity>? identityFactory = null) =>
        MedChainChaincode.Create(identityFactory, options: new MedChainOptions { TimeProvider = this });
}
