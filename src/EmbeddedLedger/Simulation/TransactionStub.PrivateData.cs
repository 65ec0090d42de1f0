using MedChain.EmbeddedLedger.Internal;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// Private data collections, checked as the peer's chaincode handler checks them
/// (core/chaincode/handler.go): not in Init; the collection must be defined; memberOnlyRead and
/// memberOnlyWrite against the submitter's organization; and the simulating peer must hold the
/// collection to read an existing key. Failures are <see cref="PeerCallException"/>s, as the shim
/// raises for the peer's ERROR.
/// </summary>
public partial class TransactionStub
{
    private enum PrivateAccess
    {
        Read,
        Write,
        Hash,
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var (stateKey, definition) = PrivateKey(collection, key, PrivateAccess.Read);
        var entry = _ledger.Get(stateKey);
        if (entry is not null && !PeerHolds(definition))
        {
            // The peer has the key's hash at this version but not the value (core/ledger's query executor).
            throw new PeerCallException($"private data matching public hash version is not available. Public hash version = {entry.Version}, Private data version = <nil>");
        }

        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.Value.ToArray());
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var (stateKey, _) = PrivateKey(collection, key, PrivateAccess.Hash);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry is null ? null : InMemoryLedger.Hash(entry.Value));
    }

    /// <inheritdoc />
    public Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        Write(PrivateKey(collection, key, PrivateAccess.Write).Key, value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DelPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        Write(PrivateKey(collection, key, PrivateAccess.Write).Key, null);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var (stateKey, _) = PrivateKey(collection, key, PrivateAccess.Write);
        Write(stateKey, null);
        lock (_simulation.Gate)
        {
            _simulation.Purges.Add(stateKey);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        Utf8Keys.ValidateSimple(startKey, nameof(startKey));
        Utf8Keys.ValidateSimple(endKey, nameof(endKey));
        var (stateKey, definition) = PrivateKey(collection, startKey, PrivateAccess.Read);
        cancellationToken.ThrowIfCancellationRequested();
        BeginPrivateQuery();
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(PrivateRange(stateKey.Collection, definition, OpenStart(startKey), OpenEnd(endKey)));
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var start = CompositeKey.Create(objectType, attributes);
        var (stateKey, definition) = PrivateKey(collection, start, PrivateAccess.Read);
        cancellationToken.ThrowIfCancellationRequested();
        BeginPrivateQuery();
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(PrivateRange(stateKey.Collection, definition, start, start + CompositeKey.MaxUnicodeRune));
    }

    /// <inheritdoc />
    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        WriteValidationParameter(PrivateKey(collection, key, PrivateAccess.Write).Key, endorsementPolicy);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var (stateKey, _) = PrivateKey(collection, key, PrivateAccess.Read);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.ValidationParameter?.ToArray());
    }

    private (StateKey Key, CollectionDefinition Definition) PrivateKey(string collection, string key, PrivateAccess access)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        if (_isInit)
        {
            throw new PeerCallException("private data APIs are not allowed in chaincode Init()");
        }

        var definition = _ledger.ResolveCollection(ChaincodeName, collection);

        // The peer checks the proposal's creator, not the peer, against the member organizations.
        var creatorIsMember = definition.IsMember(_submitterMspId);
        if (access == PrivateAccess.Read && definition.MemberOnlyRead && !creatorIsMember)
        {
            throw new PeerCallException($"tx creator does not have read access permission on privatedata in chaincodeName:{ChaincodeName} collectionName: {collection}");
        }

        if (access == PrivateAccess.Write && definition.MemberOnlyWrite && !creatorIsMember)
        {
            throw new PeerCallException($"tx creator does not have write access permission on privatedata in chaincodeName:{ChaincodeName} collectionName: {collection}");
        }

        return (new StateKey(ChaincodeName, collection, key), definition);
    }

    // A peer outside the collection scans its own (empty) private state: no keys, no error.
    private SnapshotIterator<KeyValue> PrivateRange(string collection, CollectionDefinition definition, string startKey, string? endKey) =>
        PeerHolds(definition) ? Range(collection, startKey, endKey) : Track(collection, startKey, endKey, []);

    private bool PeerHolds(CollectionDefinition definition) => _peerHoldsEveryCollection || definition.IsMember(PeerMspId);

    // Fabric allows range queries on private data only in read-only transactions.
    private void BeginPrivateQuery()
    {
        lock (_simulation.Gate)
        {
            if (_simulation.WritePerformed)
            {
                throw new InvalidOperationException("The transaction has already performed writes: queries on private data are allowed only in read-only transactions.");
            }

            _simulation.PrivateQueryPerformed = true;
        }
    }
}
