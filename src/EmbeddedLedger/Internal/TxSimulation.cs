namespace MedChain.EmbeddedLedger.Internal;

/// <summary>
/// The read/write set of one transaction simulation, shared by the stubs of chaincodes it calls.
/// Guarded by <see cref="Gate"/> because contract code may issue state calls concurrently.
/// </summary>
internal sealed class TxSimulation(string txId)
{
    public string TxId { get; } = txId;

    public Lock Gate { get; } = new();

    public Dictionary<StateKey, LedgerVersion?> Reads { get; } = [];

    public Dictionary<StateKey, byte[]?> Writes { get; } = [];

    public Dictionary<StateKey, byte[]> ValidationParameterWrites { get; } = [];

    /// <summary>Private keys deleted with PurgePrivateData (their writes are deletes).</summary>
    public HashSet<StateKey> Purges { get; } = [];

    public List<RangeRead> Ranges { get; } = [];

    public bool WritePerformed { get; set; }

    public bool PaginatedQueryPerformed { get; set; }

    public bool PrivateQueryPerformed { get; set; }

    public bool Completed { get; set; }

    /// <summary>MSP ids that endorsed (null: any policy is met).</summary>
    public IReadOnlyCollection<string>? Endorsers { get; set; }
}
