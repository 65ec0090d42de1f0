using MedChain.ContractApi;
using MedChain.Contracts.Admin;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Internal;
using MedChain.Contracts.KeyGrants;
using MedChain.Contracts.Patients;
using MedChain.Contracts.Prescriptions;
using MedChain.Contracts.Records;
using MedChain.Shim;
using Microsoft.Extensions.Logging;

namespace MedChain.Contracts;

/// <summary>The MedChain chaincode: the Consent, Prescription, RecordAnchor, Admin, Patient and KeyGrant contracts in one <see cref="ContractChaincode"/>.</summary>
public static class MedChainChaincode
{
    /// <summary>Title in the contract metadata.</summary>
    public const string Title = "MedChain chaincode";

    /// <summary>Longest request argument accepted, in characters (a request carries ids and codes, never records).</summary>
    public const int MaxArgumentLength = 16 * 1024;

    /// <summary>
    /// The chaincode. <paramref name="identityFactory"/> reads each submitter; null means the shim's
    /// <see cref="ClientIdentity.FromStub"/>. <paramref name="options"/>: the endorser's clock and the clock
    /// skew it tolerates (null: the system clock, five minutes).
    /// </summary>
    public static ContractChaincode Create(Func<IChaincodeStub, IClientIdentity>? identityFactory = null, ILogger<ContractChaincode>? logger = null, MedChainOptions? options = null)
    {
        var apiOptions = new ContractChaincodeOptions
        {
            Title = Title,
            Json = ContractJson.Options,
            Serializer = new CanonicalJsonSerializer(ContractJson.Options) { MaxArgumentLength = MaxArgumentLength },
        };
        if (identityFactory is not null)
        {
            apiOptions.IdentityFactory = identityFactory;
        }

        Contract[] contracts = [new ConsentContract(options), new PrescriptionContract(options), new RecordAnchorContract(options), new AdminContract(options), new PatientContract(options), new KeyGrantContract(options)];
        return new ContractChaincode(contracts, apiOptions, logger);
    }
}
