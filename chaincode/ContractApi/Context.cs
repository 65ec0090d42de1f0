using MedChain.Shim;

namespace MedChain.ContractApi;

/// <summary>
/// What a transaction function gets first: the stub of the transaction, the submitter and the
/// cancellation token. A contract may return a subclass from <see cref="Contract.CreateContext"/>.
/// </summary>
public class Context
{
    /// <summary>A context over the given transaction.</summary>
    public Context(IChaincodeStub stub, IClientIdentity clientIdentity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        ArgumentNullException.ThrowIfNull(clientIdentity);
        Stub = stub;
        ClientIdentity = clientIdentity;
        CancellationToken = cancellationToken;
    }

    /// <summary>The transaction's view of the ledger.</summary>
    public IChaincodeStub Stub { get; }

    /// <summary>The submitter of the transaction.</summary>
    public IClientIdentity ClientIdentity { get; }

    /// <summary>Cancelled when the peer goes away or the transaction is abandoned.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The function name the client called (without the contract prefix).</summary>
    public string FunctionName { get; internal set; } = string.Empty;

    /// <summary>
    /// True in the chaincode's init invocation (the peer's INIT message: <c>--isInit</c> on a definition
    /// with <c>--init-required</c>, which the peer runs first and once per definition version).
    /// </summary>
    public bool IsInit { get; internal set; }
}
