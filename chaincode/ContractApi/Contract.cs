using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using MedChain.Shim;

namespace MedChain.ContractApi;

/// <summary>
/// Base class of contracts: a group of transaction functions (public methods marked with
/// <see cref="TransactionAttribute"/>) under one name. The hooks run around every transaction of
/// the contract.
/// </summary>
/// <remarks>
/// The annotation keeps every contract's public methods in a trimmed or Native AOT executable, so the
/// transaction functions are found by reflection there too.
/// </remarks>
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
public abstract class Contract
{
    /// <summary>A contract named by its <see cref="ContractAttribute"/> or, without one, its class name.</summary>
    protected Contract()
    {
        var attribute = GetType().GetCustomAttribute<ContractAttribute>(inherit: false);
        Name = string.IsNullOrEmpty(attribute?.Name) ? GetType().Name : attribute.Name;
    }

    /// <summary>The contract name clients use as prefix (<c>Name:Function</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// The JSON metadata of this contract's parameter and result types (its assembly's source-generated
    /// <c>JsonSerializerContext</c>), added to <see cref="ContractChaincodeOptions.Json"/>; null (the default)
    /// when they are all strings or built-in types, or when the options carry them.
    /// </summary>
    public virtual IJsonTypeInfoResolver? JsonTypes => null;

    /// <summary>
    /// Creates the context passed to the transaction functions. Override to return a subclass
    /// carrying contract-specific helpers.
    /// </summary>
    public virtual Context CreateContext(IChaincodeStub stub, IClientIdentity clientIdentity, CancellationToken cancellationToken) =>
        new(stub, clientIdentity, cancellationToken);

    /// <summary>Runs before each transaction function of this contract; throw to reject the transaction.</summary>
    public virtual Task BeforeTransactionAsync(Context ctx) => Task.CompletedTask;

    /// <summary>Runs after each transaction function that completed, with its result (null for none).</summary>
    public virtual Task AfterTransactionAsync(Context ctx, object? result) => Task.CompletedTask;

    /// <summary>
    /// Runs when the function called is not a transaction of this contract. The default throws a
    /// <see cref="ContractException"/> "Unknown function 'X' in contract 'Y'" with status 400.
    /// </summary>
    public virtual Task UnknownTransactionAsync(Context ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        throw new ContractException($"Unknown function '{ctx.FunctionName}' in contract '{Name}'", 400);
    }
}
