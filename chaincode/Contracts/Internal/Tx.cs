using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Shim;

namespace MedChain.Contracts.Internal;

/// <summary>The transaction a contract operation runs in: stub, submitter and cancellation, plus typed state access.</summary>
internal sealed class Tx(IChaincodeStub stub, IClientIdentity identity, CancellationToken cancellationToken)
{
    /// <summary>Largest page a listing returns.</summary>
    public const int MaxPageSize = 100;

    public IChaincodeStub Stub { get; } = stub;

    /// <summary>The transaction a contract API context stands for.</summary>
    public static Tx Of(Context ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return new Tx(ctx.Stub, ctx.ClientIdentity, ctx.CancellationToken);
    }

    public IClientIdentity Identity { get; } = identity;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The transaction time (the same on every endorser), in UTC.</summary>
    public DateTimeOffset Now => Stub.TxTimestamp.ToUniversalTime();

    public string TxId => Stub.TxId;

    public string Key(string objectType, params string[] attributes) => Stub.CreateCompositeKey(objectType, attributes);

    public async Task<T?> GetAsync<T>(string key)
        where T : class
    {
        var bytes = await Stub.GetStateAsync(key, CancellationToken).ConfigureAwait(false);
        return bytes is null || bytes.Length == 0 ? null : StateJson.Deserialize<T>(bytes);
    }

    public Task<bool> ExistsAsync(string key) => ExistsCoreAsync(key);

    public Task PutAsync(string key, object value) => Stub.PutStateAsync(key, StateJson.Serialize(value), CancellationToken);

    public Task PutMarkerAsync(string key) => Stub.PutStateAsync(key, Keys.Marker, CancellationToken);

    public void Emit(string name, object payload) => Stub.SetEvent(name, StateJson.Serialize(payload));

    /// <summary>
    /// One page of the keys under a partial composite key, each mapped to an item (null: skipped).
    /// Fabric allows paged queries only in evaluated (read-only) transactions. Bookmarks are checked
    /// to lie inside the listing (see <see cref="Bookmarks"/>): the peer would start anywhere.
    /// </summary>
    public async Task<Page<TItem>> ListAsync<TItem>(string objectType, IReadOnlyList<string> attributes, int pageSize, string? bookmark, Func<KeyValue, Task<TItem?>> map)
        where TItem : class
    {
        if (pageSize < 1 || pageSize > MaxPageSize)
        {
            throw Errors.Invalid("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        var startKey = Bookmarks.Decode(bookmark, Stub.CreateCompositeKey(objectType, attributes));
        var result = await Stub.GetStateByPartialCompositeKeyWithPaginationAsync(objectType, attributes, pageSize, startKey, CancellationToken).ConfigureAwait(false);
        var items = new List<TItem>();
        await using (((IAsyncDisposable)result.Iterator).ConfigureAwait(false))
        {
            await foreach (var kv in result.Iterator.WithCancellation(CancellationToken).ConfigureAwait(false))
            {
                var item = await map(kv).ConfigureAwait(false);
                if (item is not null)
                {
                    items.Add(item);
                }
            }
        }

        return new Page<TItem> { Items = items, Bookmark = Bookmarks.Encode(result.Metadata.Bookmark), FetchedCount = result.Metadata.FetchedRecordsCount };
    }

    /// <summary>All values under a partial composite key (for small bounded sets such as one patient's consents).</summary>
    public async Task<List<T>> ScanAsync<T>(string objectType, IReadOnlyList<string> attributes)
    {
        var list = new List<T>();
        var iterator = await Stub.GetStateByPartialCompositeKeyAsync(objectType, attributes, CancellationToken).ConfigureAwait(false);
        await using (((IAsyncDisposable)iterator).ConfigureAwait(false))
        {
            await foreach (var kv in iterator.WithCancellation(CancellationToken).ConfigureAwait(false))
            {
                list.Add(StateJson.Deserialize<T>(kv.Value));
            }
        }

        return list;
    }

    private async Task<bool> ExistsCoreAsync(string key)
    {
        var bytes = await Stub.GetStateAsync(key, CancellationToken).ConfigureAwait(false);
        return bytes is { Length: > 0 };
    }
}
