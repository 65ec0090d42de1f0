namespace MedChain.EmbeddedLedger.Internal;

/// <summary>
/// Query results read from a snapshot taken when the query ran. Like the peer's iterators it
/// can be read once; each result handed out is reported (for the range's read record), and so is
/// reaching the end.
/// </summary>
internal sealed class SnapshotIterator<T> : IQueryResultsIterator<T>
{
    private readonly IReadOnlyList<T> _items;
    private readonly Action<int>? _onYield;
    private readonly Action? _onExhausted;
    private bool _started;
    private bool _closed;

    public SnapshotIterator(IReadOnlyList<T> items, Action<int>? onYield = null, Action? onExhausted = null)
    {
        _items = items;
        _onYield = onYield;
        _onExhausted = onExhausted;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_started)
        {
            throw new InvalidOperationException("A query iterator can be read only once.");
        }

        _started = true;
        return new Enumerator(this, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _closed = true;
        return ValueTask.CompletedTask;
    }

    private sealed class Enumerator(SnapshotIterator<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private int _index = -1;

        public T Current => _index >= 0 && _index < owner._items.Count ? owner._items[_index] : throw new InvalidOperationException("No current result.");

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(owner._closed, owner);
            if (_index >= owner._items.Count)
            {
                return ValueTask.FromResult(false);
            }

            _index++;
            if (_index < owner._items.Count)
            {
                owner._onYield?.Invoke(_index);
                return ValueTask.FromResult(true);
            }

            owner._onExhausted?.Invoke();
            return ValueTask.FromResult(false);
        }

        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
