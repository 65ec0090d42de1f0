using MedChain.Shim.Testing.Internal;

namespace MedChain.Shim.Testing;

/// <summary>Private data collections.</summary>
public sealed partial class MockStub
{
    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var stateKey = PrivateKey(collection, key);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.Value.ToArray());
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var stateKey = PrivateKey(collection, key);
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
        Write(PrivateKey(collection, key), value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DelPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        Write(PrivateKey(collection, key), null);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        CompositeKeys.ValidateSimpleKey(startKey, nameof(startKey));
        CompositeKeys.ValidateSimpleKey(endKey, nameof(endKey));
        var stateKey = PrivateKey(collection, startKey);
        cancellationToken.ThrowIfCancellationRequested();
        BeginPrivateQuery();
        IQueryResultsIterator<KeyValue> iterator = Range(stateKey.Collection, OpenStart(startKey), OpenEnd(endKey));
        return Task.FromResult(iterator);
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var start = CompositeKeys.Create(objectType, attributes);
        var stateKey = PrivateKey(collection, start);
        cancellationToken.ThrowIfCancellationRequested();
        BeginPrivateQuery();
        IQueryResultsIterator<KeyValue> iterator = Range(stateKey.Collection, start, start + CompositeKeys.MaxRune);
        return Task.FromResult(iterator);
    }

    /// <inheritdoc />
    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        WriteValidationParameter(PrivateKey(collection, key), endorsementPolicy);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var stateKey = PrivateKey(collection, key);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.ValidationParameter?.ToArray());
    }

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
