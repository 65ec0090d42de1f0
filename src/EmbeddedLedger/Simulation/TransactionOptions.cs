namespace MedChain.EmbeddedLedger;

/// <summary>Optional details of a simulated transaction.</summary>
public sealed class TransactionOptions
{
    /// <summary>The proposal's transient map (private data inputs). Default: empty.</summary>
    public IReadOnlyDictionary<string, byte[]>? TransientMap { get; init; }

    /// <summary>
    /// The transaction id. Default: null, meaning Fabric's derivation, hex(SHA-256(nonce ‖ creator))
    /// with a random nonce.
    /// </summary>
    public string? TxId { get; init; }

    /// <summary>
    /// The MSP id of the endorsing peer that simulates the transaction: reading an existing key of a
    /// collection its organization isn't a member of fails, as that peer holds only the hash.
    /// Default: null, meaning the submitter's organization (a Gateway endorses on its own peer first).
    /// </summary>
    public string? PeerMspId { get; init; }

    /// <summary>
    /// True when the simulating peer holds every private data collection (the embedded ledger's one node):
    /// <see cref="PeerMspId"/> then limits nothing. Default: false.
    /// </summary>
    public bool PeerHoldsEveryCollection { get; init; }

    /// <summary>True to call the chaincode's InitAsync instead of InvokeAsync. Default: false.</summary>
    public bool IsInit { get; init; }

    /// <summary>
    /// The MSP ids whose peers endorsed the transaction, checked at commit against the key-level
    /// endorsement policies of the keys it writes (ENDORSEMENT_POLICY_FAILURE when not met).
    /// Default: null, meaning enough endorsements for any policy.
    /// </summary>
    public IReadOnlyCollection<string>? Endorsers { get; init; }
}
