using System.Security.Cryptography;
using MedChain.EmbeddedLedger.Internal;
using MedChain.EmbeddedLedger.Persistence;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// The committed state of one channel, as a peer's LevelDB state database and history database
/// hold it: per chaincode namespace, public keys and private data collections with versions
/// (block, transaction), key-level endorsement policies, and the history of every public key.
/// Keys are ordered by their UTF-8 bytes like the peer's. Thread-safe; commits are atomic.
/// </summary>
public sealed class InMemoryLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Collection), SortedDictionary<string, LedgerEntry>> _spaces = [];
    private readonly Dictionary<(string Namespace, string Key), List<KeyModification>> _history = [];
    private readonly Dictionary<string, Dictionary<string, CollectionDefinition>> _collections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _txIds = new(StringComparer.Ordinal);
    private ulong _height = 1;

    /// <summary>An empty ledger of <paramref name="channelId"/> (block 0, the genesis block, holds no state).</summary>
    public InMemoryLedger(string channelId = "mychannel")
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ChannelId = channelId;
    }

    /// <summary>The channel.</summary>
    public string ChannelId { get; }

    /// <summary>The number of blocks, genesis included.</summary>
    public ulong Height
    {
        get
        {
            lock (_gate)
            {
                return _height;
            }
        }
    }

    /// <summary>
    /// Declares a private data collection of <paramref name="chaincodeName"/> that every organization
    /// holds. Once a chaincode has declared collections, using any other (but an implicit
    /// organization collection) fails as on a peer; a chaincode that declared none may use any name.
    /// </summary>
    public void DefineCollection(string chaincodeName, string collection) =>
        DefineCollection(chaincodeName, new CollectionDefinition(collection, memberMspIds: null));

    /// <summary>Declares a private data collection of <paramref name="chaincodeName"/>, as its collection configuration does.</summary>
    public void DefineCollection(string chaincodeName, CollectionDefinition collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(collection);
        if (collection.Name.StartsWith(CollectionDefinition.ImplicitPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Names starting with {CollectionDefinition.ImplicitPrefix} are reserved for implicit organization collections.", nameof(collection));
        }

        lock (_gate)
        {
            if (!_collections.TryGetValue(chaincodeName, out var definitions))
            {
                _collections[chaincodeName] = definitions = new Dictionary<string, CollectionDefinition>(StringComparer.Ordinal);
            }

            definitions[collection.Name] = collection;
        }
    }

    /// <summary>Commits <paramref name="value"/> under <paramref name="key"/> in a block of its own, as test set-up.</summary>
    public void Seed(string chaincodeName, string key, byte[] value)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var txId = $"seed-{_height}";
            var version = new LedgerVersion(_height, 0);
            Space(chaincodeName, string.Empty)[key] = new LedgerEntry(value.ToArray(), version, GetEntry(new(chaincodeName, string.Empty, key))?.ValidationParameter);
            AppendHistory(chaincodeName, key, new KeyModification(txId, value.ToArray(), DateTimeOffset.UnixEpoch, IsDelete: false));
            _txIds.Add(txId);
            _height++;
        }
    }

    /// <summary>The committed value of a public key, or null.</summary>
    public byte[]? GetState(string chaincodeName, string key) => Get(new(chaincodeName, string.Empty, key))?.Value.ToArray();

    /// <summary>The committed version of a public key, or null when absent.</summary>
    public LedgerVersion? GetVersion(string chaincodeName, string key) => Get(new(chaincodeName, string.Empty, key))?.Version;

    /// <summary>The committed value of a private key, or null.</summary>
    public byte[]? GetPrivateData(string chaincodeName, string collection, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        return Get(new(chaincodeName, collection, key))?.Value.ToArray();
    }

    /// <summary>The SHA-256 of a committed private value, as every peer of the channel holds it, or null.</summary>
    public byte[]? GetPrivateDataHash(string chaincodeName, string collection, string key) =>
        GetPrivateData(chaincodeName, collection, key) is { } value ? Hash(value) : null;

    /// <summary>The key-level endorsement policy of a public key, or null.</summary>
    public byte[]? GetValidationParameter(string chaincodeName, string key) => Get(new(chaincodeName, string.Empty, key))?.ValidationParameter?.ToArray();

    /// <summary>Every committed public key of <paramref name="chaincodeName"/>, in key order (composite keys first).</summary>
    public IReadOnlyList<KeyValue> GetAllStates(string chaincodeName) =>
        ReadRange(chaincodeName, string.Empty, string.Empty, null).Select(e => new KeyValue(chaincodeName, e.Key, e.Entry.Value.ToArray())).ToList();

    /// <summary>The committed writes of a public key, newest first.</summary>
    public IReadOnlyList<KeyModification> GetHistory(string chaincodeName, string key)
    {
        lock (_gate)
        {
            return _history.TryGetValue((chaincodeName, key), out var list) ? list.AsEnumerable().Reverse().ToList() : [];
        }
    }

    /// <summary>True when a transaction with this id is in the ledger (valid or not).</summary>
    public bool ContainsTransaction(string txId)
    {
        lock (_gate)
        {
            return _txIds.Contains(txId);
        }
    }

    internal LedgerEntry? Get(StateKey key)
    {
        lock (_gate)
        {
            return GetEntry(key);
        }
    }

    /// <summary>Committed entries with start ≤ key &lt; end (null end: open), in key order.</summary>
    internal List<(string Key, LedgerEntry Entry)> ReadRange(string ns, string collection, string startKey, string? endKey)
    {
        lock (_gate)
        {
            return Range(ns, collection, startKey, endKey).ToList();
        }
    }

    /// <summary>
    /// The collection a chaincode call names, resolved as the peer's collection store does: an
    /// implicit organization collection always exists; other names must be declared (unless the
    /// chaincode declared none).
    /// </summary>
    internal CollectionDefinition ResolveCollection(string ns, string collection)
    {
        if (collection.StartsWith(CollectionDefinition.ImplicitPrefix, StringComparison.Ordinal)
            && collection.Length > CollectionDefinition.ImplicitPrefix.Length)
        {
            return CollectionDefinition.ImplicitFor(collection[CollectionDefinition.ImplicitPrefix.Length..]);
        }

        lock (_gate)
        {
            if (!_collections.TryGetValue(ns, out var definitions))
            {
                return new CollectionDefinition(collection, memberMspIds: null);
            }

            return definitions.GetValueOrDefault(collection)
                ?? throw new PeerCallException($"collection [{collection}] not defined in the collection config for chaincode [{ns}]");
        }
    }

    /// <summary>Validates and applies the transactions of one block, in order.</summary>
    internal List<TransactionResult> CommitBlock(IReadOnlyList<SimulatedTransaction> transactions)
    {
        var results = new List<TransactionResult>(transactions.Count);
        lock (_gate)
        {
            var block = _height;
            var submitted = 0UL;
            var inBlock = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tx in transactions)
            {
                if (!tx.Response.IsSuccess)
                {
                    // A client does not submit a failed proposal: it never reaches a block.
                    results.Add(new TransactionResult(tx.TxId, tx.Response, tx.Event, null, null));
                    continue;
                }

                var version = new LedgerVersion(block, submitted++);
                var code = _txIds.Contains(tx.TxId) || !inBlock.Add(tx.TxId) ? PeerPb.TxValidationCode.DuplicateTxid : Validate(tx.Simulation);
                if (code == PeerPb.TxValidationCode.Valid)
                {
                    Apply(CommittedTransaction.From(tx, code), version);
                }

                results.Add(new TransactionResult(tx.TxId, tx.Response, tx.Event, code, block) { OnChain = tx.OnChain });
            }

            if (submitted > 0)
            {
                _txIds.UnionWith(inBlock);
                _height++;
            }
        }

        return results;
    }

    /// <summary>
    /// Validates <paramref name="transaction"/> as the only transaction of the next block and hands that block to
    /// <paramref name="persist"/> before applying it: when persisting throws, nothing changes. Commits are
    /// serialized, so transactions are validated in the order they are submitted.
    /// </summary>
    internal TransactionResult CommitDurably(SimulatedTransaction transaction, Action<CommittedBlock> persist)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(persist);
        if (!transaction.Response.IsSuccess)
        {
            return new TransactionResult(transaction.TxId, transaction.Response, transaction.Event, null, null);
        }

        lock (_gate)
        {
            var code = _txIds.Contains(transaction.TxId) ? PeerPb.TxValidationCode.DuplicateTxid : Validate(transaction.Simulation);
            var block = new CommittedBlock(_height, [CommittedTransaction.From(transaction, code)]);
            persist(block);
            ApplyBlock(block);
            return new TransactionResult(transaction.TxId, transaction.Response, transaction.Event, code, block.Number) { OnChain = transaction.OnChain };
        }
    }

    /// <summary>Applies a block read back from the block log; it must be the next block.</summary>
    /// <exception cref="InvalidDataException">The block is not the next one.</exception>
    internal void Replay(CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_gate)
        {
            if (block.Number != _height)
            {
                throw new InvalidDataException($"The block log holds block {block.Number} where block {_height} was expected.");
            }

            ApplyBlock(block);
        }
    }

    private void ApplyBlock(CommittedBlock block)
    {
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (tx.ValidationCode == PeerPb.TxValidationCode.Valid)
            {
                Apply(tx, new LedgerVersion(block.Number, (ulong)i));
            }

            // Every transaction in a block, valid or not, takes its id.
            _txIds.Add(tx.TxId);
        }

        _height++;
    }

    private PeerPb.TxValidationCode Validate(TxSimulation simulation)
    {
        // As the peer's validator: a written key (value or policy) with a committed key-level
        // policy needs endorsements that satisfy that policy, checked before MVCC.
        if (simulation.Endorsers is { } endorsers)
        {
            foreach (var key in simulation.Writes.Keys.Concat(simulation.ValidationParameterWrites.Keys))
            {
                if (GetEntry(key)?.ValidationParameter is { } policy && !EndorsementPolicy.IsSatisfied(policy, endorsers))
                {
                    return PeerPb.TxValidationCode.EndorsementPolicyFailure;
                }
            }
        }

        foreach (var (key, version) in simulation.Reads)
        {
            if (GetEntry(key)?.Version != version)
            {
                return PeerPb.TxValidationCode.MvccReadConflict;
            }
        }

        foreach (var range in simulation.Ranges)
        {
            var now = Range(range.Namespace, range.Collection, range.StartKey, range.EndKey).Select(e => (e.Key, e.Entry.Version));
            if (!range.Exhausted)
            {
                // Only the part the chaincode read counts: up to and including the last key returned.
                var last = range.Reads.Count == 0 ? null : range.Reads[^1].Key;
                now = last is null ? [] : now.TakeWhile(e => Utf8OrdinalComparer.Instance.Compare(e.Key, last) <= 0);
            }

            if (!now.SequenceEqual(range.Reads))
            {
                return PeerPb.TxValidationCode.PhantomReadConflict;
            }
        }

        return PeerPb.TxValidationCode.Valid;
    }

    private void Apply(CommittedTransaction tx, LedgerVersion version)
    {
        foreach (var write in tx.Writes)
        {
            var space = Space(write.Namespace, write.Collection ?? string.Empty);
            if (write.Value is null)
            {
                space.Remove(write.Key);
            }
            else
            {
                // An update keeps the key's endorsement policy, as the peer's committer does.
                space.TryGetValue(write.Key, out var existing);
                space[write.Key] = new LedgerEntry(write.Value, version, existing?.ValidationParameter);
            }

            if (write.Collection is null)
            {
                AppendHistory(write.Namespace, write.Key, new KeyModification(tx.TxId, write.Value ?? [], tx.Timestamp, write.Value is null));
            }
        }

        foreach (var write in tx.ValidationParameterWrites)
        {
            var space = Space(write.Namespace, write.Collection ?? string.Empty);
            if (space.TryGetValue(write.Key, out var existing))
            {
                // Metadata of a key that does not exist is dropped, as on a peer.
                space[write.Key] = existing with { Version = version, ValidationParameter = write.Value };
            }
        }
    }

    private LedgerEntry? GetEntry(StateKey key) =>
        _spaces.TryGetValue((key.Namespace, key.Collection), out var space) && space.TryGetValue(key.Key, out var entry) ? entry : null;

    private IEnumerable<(string Key, LedgerEntry Entry)> Range(string ns, string collection, string startKey, string? endKey)
    {
        if (!_spaces.TryGetValue((ns, collection), out var space))
        {
            yield break;
        }

        var comparer = Utf8OrdinalComparer.Instance;
        foreach (var (key, entry) in space)
        {
            if (comparer.Compare(key, startKey) < 0)
            {
                continue;
            }

            if (endKey is not null && comparer.Compare(key, endKey) >= 0)
            {
                yield break;
            }

            yield return (key, entry);
        }
    }

    private SortedDictionary<string, LedgerEntry> Space(string ns, string collection)
    {
        if (!_spaces.TryGetValue((ns, collection), out var space))
        {
            _spaces[(ns, collection)] = space = new SortedDictionary<string, LedgerEntry>(Utf8OrdinalComparer.Instance);
        }

        return space;
    }

    private void AppendHistory(string ns, string key, KeyModification modification)
    {
        if (!_history.TryGetValue((ns, key), out var list))
        {
            _history[(ns, key)] = list = [];
        }

        list.Add(modification);
    }

    internal static byte[] Hash(byte[] value) => SHA256.HashData(value);
}
