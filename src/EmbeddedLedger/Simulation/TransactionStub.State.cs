using MedChain.EmbeddedLedger.Internal;

namespace MedChain.EmbeddedLedger;

/// <summary>Public state, key-level endorsement and history.</summary>
public partial class TransactionStub
{
    /// <inheritdoc />
    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var stateKey = PublicKey(key);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.Value.ToArray());
    }

    /// <inheritdoc />
    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        Write(PublicKey(key), value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DelStateAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        Write(PublicKey(key), null);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        WriteValidationParameter(PublicKey(key), endorsementPolicy);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var stateKey = PublicKey(key);
        var entry = _ledger.Get(stateKey);
        RecordRead(stateKey, entry?.Version);
        return Task.FromResult(entry?.ValidationParameter?.ToArray());
    }

    /// <summary>The committed writes of <paramref name="key"/>, newest first (history reads are not validated at commit, as on a peer).</summary>
    public Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        IQueryResultsIterator<KeyModification> iterator = new SnapshotIterator<KeyModification>(_ledger.GetHistory(ChaincodeName, key));
        return Task.FromResult(iterator);
    }

    /// <inheritdoc />
    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    /// <inheritdoc />
    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);
}
