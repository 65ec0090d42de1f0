using MedChain.Shim;

namespace MedChain.ContractApi;

/// <summary>Settings of a <see cref="ContractChaincode"/>.</summary>
public sealed class ContractChaincodeOptions
{
    /// <summary>
    /// Builds the submitter's identity from a transaction's stub. It runs on first use of
    /// <see cref="Context.ClientIdentity"/>, so transactions that never look at the submitter do not pay
    /// for parsing its certificate. Default: null, meaning none is configured and using
    /// <see cref="Context.ClientIdentity"/> fails the transaction.
    /// </summary>
    public Func<IChaincodeStub, IClientIdentity>? IdentityFactory { get; set; }

    /// <summary>Reads arguments and writes results. Default: <see cref="CanonicalJsonSerializer.Instance"/>.</summary>
    public IContractSerializer Serializer { get; set; } = CanonicalJsonSerializer.Instance;

    /// <summary>Title of the chaincode in the metadata's <c>info</c>. Default: "MedChain chaincode".</summary>
    public string Title { get; set; } = "MedChain chaincode";

    /// <summary>Version of the chaincode in the metadata's <c>info</c>. Default: "1.0.0".</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Throws when a setting is unusable.</summary>
    /// <exception cref="ArgumentException">A setting is missing or empty.</exception>
    public void Validate()
    {
        if (Serializer is null)
        {
            throw new ArgumentException("A serializer is required.", nameof(Serializer));
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException("The title must not be empty.", nameof(Title));
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new ArgumentException("The version must not be empty.", nameof(Version));
        }
    }
}
