using System.Runtime.CompilerServices;
using Google.Protobuf;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Internal;

/// <summary>
/// Results of a range, rich or history query: the peer's first batch, then QUERY_STATE_NEXT
/// while it says has_more, and QUERY_STATE_CLOSE on dispose (as the Go shim's Close does).
/// Read it once, inside the transaction that made it.
/// </summary>
internal sealed class QueryResultsIterator<T> : IQueryResultsIterator<T>
{
    private readonly ChaincodeStub _stub;
    private readonly Func<ByteString, T> _parse;
    private PeerPb.QueryResponse _current;
    private int _enumerated;
    private int _closed;

    public QueryResultsIterator(ChaincodeStub stub, PeerPb.QueryResponse first, Func<ByteString, T> parse)
    {
        _stub = stub;
        _current = first;
        _parse = parse;
    }

    /// <summary>The peer's iterator id.</summary>
    public string Id => _current.Id;

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A query result iterator can be read only once.");
        }

        await foreach (var item in ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await _stub.CallAsync(MessageType.QueryStateClose, new PeerPb.QueryStateClose { Id = _current.Id }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PeerCallException or ObjectDisposedException)
        {
            // The stream is gone or the peer already dropped the iterator: nothing left to close.
        }
    }

    private async IAsyncEnumerable<T> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var result in _current.Results)
            {
                yield return _parse(result.ResultBytes);
            }

            if (!_current.HasMore)
            {
                yield break;
            }

            ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
            var payload = await _stub.CallAsync(MessageType.QueryStateNext, new PeerPb.QueryStateNext { Id = _current.Id }, cancellationToken).ConfigureAwait(false);
            _current = ChaincodeStub.ParseReply(PeerPb.QueryResponse.Parser, payload, MessageType.QueryStateNext);
        }
    }
}
