namespace MedChain.FabricClient;

/// <summary>A checkpointer that keeps the position in memory: resumes streams within one process. Thread-safe.</summary>
public sealed class InMemoryCheckpointer : ICheckpointer
{
    private readonly Lock _lock = new();
    private ulong? _blockNumber;
    private string? _transactionId;

    public ulong? BlockNumber
    {
        get
        {
            lock (_lock)
            {
                return _blockNumber;
            }
        }
    }

    public string? TransactionId
    {
        get
        {
            lock (_lock)
            {
                return _transactionId;
            }
        }
    }

    public ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        Set(blockNumber + 1, null);
        return ValueTask.CompletedTask;
    }

    public ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        Set(blockNumber, transactionId);
        return ValueTask.CompletedTask;
    }

    public ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    private void Set(ulong blockNumber, string? transactionId)
    {
        lock (_lock)
        {
            _blockNumber = blockNumber;
            _transactionId = transactionId;
        }
    }
}
