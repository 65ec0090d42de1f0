using System.Text;
using MedChain.ContractApi.Internal;
using MedChain.Shim;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedChain.ContractApi;

/// <summary>
/// A chaincode made of contracts, like fabric-contract-api. The first argument names the
/// function as <c>Contract:Function</c> (split on the last ':'), or just <c>Function</c> for the
/// default contract; the other arguments are the function's parameters: raw text for string
/// parameters, JSON for all others. The system contract <c>org.hyperledger.fabric</c> answers
/// <c>GetMetadata</c> with the contract metadata JSON.
/// </summary>
public sealed class ContractChaincode : IChaincode
{
    /// <summary>The name of the system contract that serves the metadata.</summary>
    public const string SystemContractName = "org.hyperledger.fabric";

    /// <summary>The system contract's metadata function.</summary>
    public const string GetMetadataFunction = "GetMetadata";

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Dictionary<string, ContractDescriptor> _contracts = new(StringComparer.Ordinal);
    private readonly ContractDescriptor _defaultContract;
    private readonly ContractChaincodeOptions _options;
    private readonly IContractSerializer _serializer;
    private readonly ILogger _logger;
    private readonly byte[] _metadata;

    /// <summary>A chaincode of <paramref name="contracts"/> with default options.</summary>
    public ContractChaincode(params Contract[] contracts)
        : this(contracts, options: null)
    {
    }

    /// <summary>
    /// A chaincode of <paramref name="contracts"/>. The default contract is the one whose
    /// <see cref="ContractAttribute.IsDefault"/> is set, otherwise the first.
    /// </summary>
    /// <exception cref="ArgumentException">No contract, two with one name, a malformed transaction function, or invalid options.</exception>
    public ContractChaincode(IEnumerable<Contract> contracts, ContractChaincodeOptions? options = null, ILogger<ContractChaincode>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        _options = options ?? new ContractChaincodeOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        var ordered = new List<ContractDescriptor>();
        foreach (var contract in contracts)
        {
            ArgumentNullException.ThrowIfNull(contract);
            if (contract.Name == SystemContractName)
            {
                throw new ArgumentException($"The contract name '{SystemContractName}' is reserved.", nameof(contracts));
            }

            var descriptor = ContractDescriptor.Create(contract, _options);
            if (!_contracts.TryAdd(contract.Name, descriptor))
            {
                throw new ArgumentException($"Two contracts are named '{contract.Name}'.", nameof(contracts));
            }

            ordered.Add(descriptor);
        }

        if (ordered.Count == 0)
        {
            throw new ArgumentException("A chaincode needs at least one contract.", nameof(contracts));
        }

        var marked = ordered.Where(c => c.Attribute?.IsDefault == true).ToList();
        if (marked.Count > 1)
        {
            throw new ArgumentException($"Only one contract may be the default; marked: {string.Join(", ", marked.Select(c => c.Name))}.", nameof(contracts));
        }

        _defaultContract = marked.Count == 1 ? marked[0] : ordered[0];

        // The contracts' own JSON types first, then those of the options (which include the built-in ones).
        var contractTypes = ordered.Select(c => c.Instance.JsonTypes).OfType<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver>().Distinct().ToArray();
        var json = contractTypes.Length == 0 ? _options.Json : CanonicalJson.CreateOptions([.. contractTypes, _options.Json.TypeInfoResolver!]);
        _serializer = _options.Serializer ?? new CanonicalJsonSerializer(json);
        _metadata = _utf8.GetBytes(MetadataBuilder.Build(ordered, _defaultContract, _options, json));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", ordered.Select(c => c.Name));
            ContractApiLog.ContractsRegistered(_logger, names, _defaultContract.Name);
        }
    }

    /// <summary>The name of the default contract.</summary>
    public string DefaultContractName => _defaultContract.Name;

    /// <summary>The contract metadata JSON that <c>org.hyperledger.fabric:GetMetadata</c> returns.</summary>
    public string GetMetadataJson() => _utf8.GetString(_metadata);

    /// <summary>
    /// INIT: without arguments a no-op success (chaincode definitions with --init-required are
    /// often initialized that way); otherwise routed like a transaction with <see cref="Context.IsInit"/>
    /// set, so a contract can keep functions to the init invocation.
    /// </summary>
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.Args.Count == 0 ? Task.FromResult(ChaincodeResponse.Success()) : RouteAsync(stub, isInit: true, cancellationToken);
    }

    /// <summary>Routes the transaction to its contract function and answers with its result or error.</summary>
    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return RouteAsync(stub, isInit: false, cancellationToken);
    }

    private async Task<ChaincodeResponse> RouteAsync(IChaincodeStub stub, bool isInit, CancellationToken cancellationToken)
    {
        var args = stub.StringArgs;
        if (args.Count == 0 || args[0].Length == 0)
        {
            return ChaincodeResponse.Error("No function name given: the first argument must be 'Contract:Function' or 'Function'.", 400);
        }

        var (contractName, function) = SplitFunction(args[0]);
        if (contractName == SystemContractName)
        {
            return function == GetMetadataFunction
                ? ChaincodeResponse.Success(_metadata)
                : ChaincodeResponse.Error($"Unknown function '{function}' in contract '{SystemContractName}'", 400);
        }

        ContractDescriptor? contract;
        if (contractName is null)
        {
            contract = _defaultContract;
        }
        else if (!_contracts.TryGetValue(contractName, out contract))
        {
            return ChaincodeResponse.Error($"Unknown contract '{contractName}'", 400);
        }

        return await RunAsync(contract, function, stub, args, isInit, cancellationToken).ConfigureAwait(false);
    }

    private static (string? Contract, string Function) SplitFunction(string name)
    {
        // The last ':' separates: contract names may contain ':' (e.g. namespaced names), functions may not.
        var colon = name.LastIndexOf(':');
        return colon < 0 ? (null, name) : (name[..colon], name[(colon + 1)..]);
    }

    private async Task<ChaincodeResponse> RunAsync(ContractDescriptor contract, string function, IChaincodeStub stub, IReadOnlyList<string> args, bool isInit, CancellationToken cancellationToken)
    {
        try
        {
            var identity = new LazyClientIdentity(stub, _options.IdentityFactory);
            var context = contract.Instance.CreateContext(stub, identity, cancellationToken)
                ?? throw new InvalidOperationException($"{contract.Instance.GetType().Name}.CreateContext returned null.");
            context.FunctionName = function;
            context.IsInit = isInit;

            if (!contract.Transactions.TryGetValue(function, out var transaction))
            {
                await contract.Instance.UnknownTransactionAsync(context).ConfigureAwait(false);
                return ChaincodeResponse.Success();
            }

            if (!transaction.ContextType.IsInstanceOfType(context))
            {
                throw new InvalidOperationException($"Transaction '{function}' wants a {transaction.ContextType.Name} but CreateContext made a {context.GetType().Name}.");
            }

            // The before hook runs ahead of binding the arguments: a contract decides there who may call,
            // so an unauthorised caller is refused (403) whatever its input, and learns nothing about it.
            await contract.Instance.BeforeTransactionAsync(context).ConfigureAwait(false);
            var arguments = ArgumentBinder.Bind(transaction, context, args, _serializer);
            var result = await transaction.InvokeAsync(contract.Instance, arguments).ConfigureAwait(false);
            await contract.Instance.AfterTransactionAsync(context, result).ConfigureAwait(false);
            return ChaincodeResponse.Success(ToPayload(result, transaction.ResultType));
        }
        catch (ContractException e)
        {
            ContractApiLog.TransactionRejected(_logger, contract.Name, function, stub.TxId, e.Message);
            return ChaincodeResponse.Error(e.Message, e.Status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ChaincodeResponse.Error($"Transaction '{function}' was cancelled.");
        }
#pragma warning disable CA1031 // Any failure of contract code becomes an error response: the shim must keep serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ContractApiLog.TransactionFailed(_logger, contract.Name, function, stub.TxId, e);
            return ChaincodeResponse.Error($"Transaction '{function}' failed with an internal error (tx {stub.TxId}).");
        }
    }

    private byte[] ToPayload(object? result, Type? declaredType) => result switch
    {
        null => [],
        string text => _utf8.GetBytes(text),
        _ => _serializer.Serialize(result, declaredType ?? result.GetType()),
    };
}
