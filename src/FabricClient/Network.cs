using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>A Fabric channel seen through a <see cref="FabricClient.Gateway"/>. Thread-safe.</summary>
public sealed class Network
{
    private readonly GatewayContext _context;

    internal Network(GatewayContext context, string name)
    {
        _context = context;
        Name = name;
    }

    /// <summary>The channel's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The chaincode <paramref name="chaincodeName"/>, optionally one named contract in it: transaction
    /// names then become <c>contractName:transactionName</c>.
    /// </summary>
    public Contract GetContract(string chaincodeName, string? contractName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        if (contractName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(contractName);
        }

        return new Contract(_context, Name, chaincodeName, contractName);
    }

    /// <summary>
    /// The events <paramref name="chaincodeName"/> emits in committed transactions, from the block or
    /// checkpoint <paramref name="options"/> names (default: from the next block). Runs until
    /// <paramref name="cancellationToken"/> fires or the stream fails (<see cref="GatewayException"/>).
    /// </summary>
    public IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(string chaincodeName, ChaincodeEventsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        var request = ChaincodeEventsRequest.Create(_context, Name, chaincodeName, options ?? new ChaincodeEventsOptions());
        return request.ReadAsync(cancellationToken);
    }
}
