namespace MedChain.Shim;

/// <summary>A chaincode: what the shim calls for each INIT and TRANSACTION message a peer sends.</summary>
public interface IChaincode
{
    /// <summary>Called for an INIT message (chaincode definitions with --init-required).</summary>
    Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken);

    /// <summary>Called for each TRANSACTION message (invoke and query).</summary>
    Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken);
}
