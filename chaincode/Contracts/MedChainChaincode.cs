using MedChain.ContractApi;
using MedChain.Contracts.Admin;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Prescriptions;
using MedChain.Contracts.Records;
using MedChain.Shim;
using Microsoft.Extensions.Logging;

namespace MedChain.Contracts;

/// <summary>The MedChain chaincode: the Admin, Consent, Prescription and RecordAnchor contracts in one <see cref="ContractChaincode"/>.</summary>
public static class MedChainChaincode
{
    /// <summary>Title in the contract metadata.</summary>
    public const string Title = "MedChain chaincode";

    /// <summary>
    /// The chaincode, reading each submitter with <paramref name="identityFactory"/> (the shim's
    /// <c>ClientIdentity.FromStub</c> in production, a test identity reader in tests).
    /// </summary>
    public static ContractChaincode Create(Func<IChaincodeStub, IClientIdentity> identityFactory, ILogger<ContractChaincode>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(identityFactory);
        Contract[] contracts = [new ConsentContract(), new PrescriptionContract(), new RecordAnchorContract(), new AdminContract()];
        return new ContractChaincode(contracts, new ContractChaincodeOptions { IdentityFactory = identityFactory, Title = Title, Serializer = StateJson.Instance }, logger);
    }
}
