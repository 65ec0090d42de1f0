namespace MedChain.FabricClient;

/// <summary>
/// Remembers how far an event listener got, so that a new stream resumes after the last event it
/// processed. Implementations may persist the position (file, database).
/// </summary>
public interface ICheckpointer
{
    /// <summary>The block to resume from, or null if nothing was checkpointed yet.</summary>
    ulong? BlockNumber { get; }

    /// <summary>The last processed transaction in <see cref="BlockNumber"/>, or null to read that block from its start.</summary>
    string? TransactionId { get; }

    /// <summary>Records that block <paramref name="blockNumber"/> is fully processed: resume at the next one.</summary>
    ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Records that transaction <paramref name="transactionId"/> in block <paramref name="blockNumber"/> is processed.</summary>
    ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="chaincodeEvent"/> is processed.</summary>
    ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default);
}
