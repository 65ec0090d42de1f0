namespace MedChain.FabricClient;

/// <summary>Where a chaincode event stream starts.</summary>
public sealed class ChaincodeEventsOptions
{
    /// <summary>The first block to read events from. Null (default): from the next block committed.</summary>
    public ulong? StartBlock { get; set; }

    /// <summary>
    /// A checkpoint to resume from: when it holds a position, that wins over <see cref="StartBlock"/>
    /// and events up to and including its transaction are skipped. Null (default): none. The stream
    /// does not update it; call <see cref="ICheckpointer.CheckpointChaincodeEventAsync"/> once an event is processed.
    /// </summary>
    public ICheckpointer? Checkpoint { get; set; }
}
