using MedChain.EmbeddedLedger.Internal;

namespace MedChain.EmbeddedLedger;

/// <summary>Range, partial composite key and rich queries.</summary>
public partial class TransactionStub
{
    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        Utf8Keys.ValidateSimple(startKey, nameof(startKey));
        Utf8Keys.ValidateSimple(endKey, nameof(endKey));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(Range(string.Empty, OpenStart(startKey), OpenEnd(endKey)));
    }

    /// <inheritdoc />
    public Task<PagedQueryResult<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        Utf8Keys.ValidateSimple(startKey, nameof(startKey));
        Utf8Keys.ValidateSimple(endKey, nameof(endKey));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Page(OpenStart(startKey), OpenEnd(endKey), pageSize, bookmark));
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var start = CompositeKey.Create(objectType, attributes);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(Range(string.Empty, start, start + CompositeKey.MaxUnicodeRune));
    }

    /// <inheritdoc />
    public Task<PagedQueryResult<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var start = CompositeKey.Create(objectType, attributes);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Page(start, start + CompositeKey.MaxUnicodeRune, pageSize, bookmark));
    }

    /// <summary>Always throws: rich queries need a CouchDB state database, and this ledger behaves like a LevelDB peer.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default) =>
        throw RichQueriesNotSupported();

    /// <summary>Always throws: rich queries need a CouchDB state database, and this ledger behaves like a LevelDB peer.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<PagedQueryResult<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        throw RichQueriesNotSupported();

    private static NotSupportedException RichQueriesNotSupported() =>
        new("Rich queries (GetQueryResult) need CouchDB: the in-memory ledger behaves like a LevelDB peer, which rejects them.");

    // An empty start key means "from the first simple key": composite keys (U+0000…) stay out.
    private static string OpenStart(string startKey) => startKey.Length == 0 ? CompositeKey.EmptyKeySubstitute : startKey;

    private static string? OpenEnd(string endKey) => endKey.Length == 0 ? null : endKey;

    /// <summary>A range over committed state; what the chaincode reads of it is recorded for the phantom check.</summary>
    private SnapshotIterator<KeyValue> Range(string collection, string startKey, string? endKey)
    {
        var snapshot = _ledger.ReadRange(ChaincodeName, collection, startKey, endKey);
        return Track(collection, startKey, endKey, snapshot);
    }

    private SnapshotIterator<KeyValue> Track(string collection, string startKey, string? endKey, List<(string Key, LedgerEntry Entry)> snapshot)
    {
        var record = new RangeRead(ChaincodeName, collection, startKey, endKey);
        lock (_simulation.Gate)
        {
            _simulation.Ranges.Add(record);
        }

        var items = snapshot.Select(e => new KeyValue(ChaincodeName, e.Key, e.Entry.Value.ToArray())).ToList();
        return new SnapshotIterator<KeyValue>(
            items,
            index =>
            {
                lock (_simulation.Gate)
                {
                    record.Reads.Add((snapshot[index].Key, snapshot[index].Entry.Version));
                }
            },
            () =>
            {
                lock (_simulation.Gate)
                {
                    record.Exhausted = true;
                }
            });
    }

    /// <summary>
    /// One page: up to <paramref name="pageSize"/> keys from the bookmark (inclusive) or the start;
    /// the next bookmark is the key after the page, empty when there is none (as on LevelDB).
    /// As on a peer (core/chaincode/handler.go), a non-empty bookmark simply replaces the start key:
    /// it is not checked against the queried range, so a bookmark below the range scans keys the
    /// chaincode never asked for. Chaincode must validate bookmarks it receives from clients.
    /// </summary>
    private PagedQueryResult<KeyValue> Page(string startKey, string? endKey, int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentNullException.ThrowIfNull(bookmark);
        lock (_simulation.Gate)
        {
            if (_simulation.WritePerformed)
            {
                throw new InvalidOperationException("The transaction has already performed writes: paginated queries are allowed only in read-only transactions.");
            }

            _simulation.PaginatedQueryPerformed = true;
        }

        var from = bookmark.Length > 0 ? bookmark : startKey;
        var all = _ledger.ReadRange(ChaincodeName, string.Empty, from, endKey);
        var page = all.Take(pageSize).ToList();
        var next = all.Count > pageSize ? all[pageSize].Key : string.Empty;
        var iterator = Track(string.Empty, from, next.Length > 0 ? next : endKey, page);
        return new PagedQueryResult<KeyValue>(iterator, new QueryResponseMetadata(page.Count, next));
    }
}
