using MedChain.ContractApi;
using MedChain.Contracts.Admin;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Prescriptions;
using MedChain.Contracts.Records;
using MedChain.Shim;
using Microsoft.Extensions.Logging;

namespace MedChain.Contracts;

/// <summary>The MedChain chaincode: the Consent, Prescription, RecordAnchor and Admin contracts in one <see cref="ContractChaincode"/>.</summary>
public static class MedChainChaincode
{
    /// <summary>Title in the contract metadata.</summary>
    public const string Title = "MedChain chaincode";

    /// <summary>
    /// The chaincode. <paramref name="identityFactory"/> reads each submitter; null means the shim's
    /// <see cref="ClientIdentity.FromStub"/>.
    /// </summary>
    public static ContractChaincode Create(Func<IChaincodeStub, IClientIdentity>? identityFactory = null, ILogger<ContractChaincode>? logger = null)
    {
        var options = new ContractChaincodeOptions { Title = Title };
        if (identityFactory is not null)
        {
            options.IdentityFactory = identityFactory;
        }

        Contract[] contracts = [new ConsentContract(), new PrescriptionContract(), new RecordAnchorContract(), new AdminContract()];
        return new ContractChaincode(contracts, options, logger);
    }
}
