using System.Text.Json;
using MedChain.Shim;

namespace MedChain.ContractApi;

/// <summary>Settings of a <see cref="ContractChaincode"/>.</summary>
public sealed class ContractChaincodeOptions
{
    /// <summary>
    /// Builds the submitter's identity from a transaction's stub. It runs on first use of
    /// <see cref="Context.ClientIdentity"/>, so transactions that never look at the submitter do not pay
    /// for parsing its certificate. Default: <see cref="ClientIdentity.FromStub"/> (the creator's
    /// X.509 certificate and Fabric CA attributes).
    /// </summary>
    public Func<IChaincodeStub, IClientIdentity> IdentityFactory { get; set; } = ClientIdentity.FromStub;

    private readonly Dictionary<Type, Func<string, string, object>> _argumentBinders = [];

    /// <summary>
    /// The canonical JSON options over the contract assembly's types (<see cref="CanonicalJson.CreateOptions"/>
    /// with its <c>JsonSerializerContext</c>): every non-string parameter and result type must be in them.
    /// The metadata's schemas are built from their metadata. Default: the built-in types only.
    /// </summary>
    public JsonSerializerOptions Json { get; set; } = CanonicalJson.DefaultOptions;

    /// <summary>Reads arguments and writes results. Default (null): a <see cref="CanonicalJsonSerializer"/> over <see cref="Json"/>.</summary>
    public IContractSerializer? Serializer { get; set; }

    /// <summary>The registered self-binding argument types.</summary>
    internal IReadOnlyDictionary<Type, Func<string, string, object>> ArgumentBinders => _argumentBinders;

    /// <summary>Registers <typeparamref name="T"/>'s own <see cref="IContractArgument{TSelf}.Bind"/> for parameters of that type.</summary>
    /// <returns>These options.</returns>
    public ContractChaincodeOptions AddArgument<T>()
        where T : IContractArgument<T>
    {
        _argumentBinders[typeof(T)] = static (json, parameterName) => T.Bind(json, parameterName);
        return this;
    }

    /// <summary>Title of the chaincode in the metadata's <c>info</c>. Default: "MedChain chaincode".</summary>
    public string Title { get; set; } = "MedChain chaincode";

    /// <summary>Version of the chaincode in the metadata's <c>info</c>. Default: "1.0.0".</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Throws when a setting is unusable.</summary>
    /// <exception cref="ArgumentException">A setting is missing or empty.</exception>
    public void Validate()
    {
        if (IdentityFactory is null)
        {
            throw new ArgumentException("An identity factory is required.", nameof(IdentityFactory));
        }

        if (Json is null)
        {
            throw new ArgumentException("JSON options are required.", nameof(Json));
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
