using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using MedChain.Shim.Testing;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.ShimPeerDriver;

/// <summary>
/// The peer's side of the state calls, answered from in-memory maps: public state, private collections,
/// history, state metadata, and range/rich-query iterators served in batches of <see cref="BatchSize"/>
/// so the shim has to ask QUERY_STATE_NEXT. Writes apply at once (a real peer buffers them per transaction).
/// </summary>
public sealed class PeerLedger
{
    public const string Namespace = "mycc";

    /// <summary>Fabric 2.5's PURGE_PRIVATE_DATA (23), newer than the generated message types.</summary>
    public const MessageType PurgePrivateData = (MessageType)23;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), Dictionary<string, ByteString>> _metadata = [];
    private readonly Dictionary<string, Queue<PeerPb.QueryResultBytes>> _iterators = new(StringComparer.Ordinal);
    private int _nextIteratorId;

    /// <summary>Results per QueryResponse. Default 2.</summary>
    public int BatchSize { get; set; } = 2;

    /// <summary>History returned by GET_HISTORY_FOR_KEY, newest first.</summary>
    public ConcurrentDictionary<string, List<QueryResultPb.KeyModification>> History { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys whose GET_STATE the peer answers with ERROR.</summary>
    public ConcurrentDictionary<string, string> FailingKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys whose GET_STATE the peer never answers (to test a stream that ends meanwhile).</summary>
    public ConcurrentDictionary<string, bool> UnansweredKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request the chaincode sent, in order.</summary>
    public ConcurrentQueue<PeerPb.ChaincodeMessage> Requests { get; } = new();

    /// <summary>Ids of iterators the chaincode closed with QUERY_STATE_CLOSE.</summary>
    public ConcurrentQueue<string> ClosedIterators { get; } = new();

    public void Put(string key, string value, string collection = "")
    {
        lock (_lock)
        {
            State(collection)[key] = System.Text.Encoding.UTF8.GetBytes(value);
        }
    }

    public byte[]? Get(string key, string collection = "")
    {
        lock (_lock)
        {
            return State(collection).TryGetValue(key, out var value) ? value : null;
        }
    }

    public byte[]? GetMetadata(string collection, string key, string metakey)
    {
        lock (_lock)
        {
            return _metadata.TryGetValue((collection, key), out var entries) && entries.TryGetValue(metakey, out var value) ? value.ToByteArray() : null;
        }
    }

    /// <summary>The reply to a state request, or null when the peer stays silent.</summary>
    public PeerPb.ChaincodeMessage? Answer(PeerPb.ChaincodeMessage request)
    {
        Requests.Enqueue(request);
        try
        {
            var payload = AnswerPayload(request);
            return payload is null ? null : Reply(request, MessageType.Response, payload);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidOperationException or KeyNotFoundException)
        {
            return Reply(request, MessageType.Error, ByteString.CopyFromUtf8(ex.Message));
        }
    }

    private static PeerPb.ChaincodeMessage Reply(PeerPb.ChaincodeMessage request, MessageType type, ByteString payload) =>
        new() { Type = type, Payload = payload, Txid = request.Txid, ChannelId = request.ChannelId };

    private ByteString? AnswerPayload(PeerPb.ChaincodeMessage request)
    {
        lock (_lock)
        {
            switch (request.Type)
            {
                case MessageType.GetState:
                    {
                        var get = PeerPb.GetState.Parser.ParseFrom(request.Payload);
                        if (FailingKeys.TryGetValue(get.Key, out var failure))
                        {
                            throw new InvalidOperationException(failure);
                        }

                        if (UnansweredKeys.ContainsKey(get.Key))
                        {
                            return null;
                        }

                        return State(get.Collection).TryGetValue(get.Key, out var value) ? ByteString.CopyFrom(value) : ByteString.Empty;
                    }

                case MessageType.GetPrivateDataHash:
                    {
                        var get = PeerPb.GetState.Parser.ParseFrom(request.Payload);
                        return State(get.Collection).TryGetValue(get.Key, out var value) ? ByteString.CopyFrom(SHA256.HashData(value)) : ByteString.Empty;
                    }

                case MessageType.PutState:
                    {
                        var put = PeerPb.PutState.Parser.ParseFrom(request.Payload);
                        State(put.Collection)[put.Key] = put.Value.ToByteArray();
                        return ByteString.Empty;
                    }

                case MessageType.DelState:
                    {
                        var del = PeerPb.DelState.Parser.ParseFrom(request.Payload);
                        State(del.Collection).Remove(del.Key);
                        return ByteString.Empty;
                    }

                case PurgePrivateData:
                    {
                        // As the peer: purging is for private data only.
                        var purge = PeerPb.DelState.Parser.ParseFrom(request.Payload);
                        if (purge.Collection.Length == 0)
                        {
                            throw new InvalidOperationException("only applicable for private data");
                        }

                        State(purge.Collection).Remove(purge.Key);
                        return ByteString.Empty;
                    }

                case MessageType.GetStateByRange:
                    {
                        var range = PeerPb.GetStateByRange.Parser.ParseFrom(request.Payload);
                        var keys = State(range.Collection).Where(kv => Utf8OrdinalComparer.Instance.Compare(kv.Key, range.StartKey) >= 0
                            && (range.EndKey.Length == 0 || Utf8OrdinalComparer.Instance.Compare(kv.Key, range.EndKey) < 0));
                        return StartIterator(keys, range.Metadata);
                    }

                case MessageType.GetQueryResult:
                    {
                        // Stands in for a CouchDB selector: the query is a key prefix.
                        var query = PeerPb.GetQueryResult.Parser.ParseFrom(request.Payload);
                        var keys = State(query.Collection).Where(kv => kv.Key.StartsWith(query.Query, StringComparison.Ordinal));
                        return StartIterator(keys, query.Metadata);
                    }

                case MessageType.GetHistoryForKey:
                    {
                        var history = PeerPb.GetHistoryForKey.Parser.ParseFrom(request.Payload);
                        var entries = History.TryGetValue(history.Key, out var list) ? list : [];
                        return NewIterator(entries.Select(e => e.ToByteString()).ToList(), null);
                    }

                case MessageType.QueryStateNext:
                    {
                        var next = PeerPb.QueryStateNext.Parser.ParseFrom(request.Payload);
                        if (!_iterators.TryGetValue(next.Id, out var queue))
                        {
                            throw new KeyNotFoundException($"query iterator {next.Id} not found");
                        }

                        return NextBatch(next.Id, queue, null).ToByteString();
                    }

                case MessageType.QueryStateClose:
                    {
                        var close = PeerPb.QueryStateClose.Parser.ParseFrom(request.Payload);
                        _iterators.Remove(close.Id);
                        ClosedIterators.Enqueue(close.Id);
                        return new PeerPb.QueryResponse { HasMore = false, Id = close.Id }.ToByteString();
                    }

                case MessageType.GetStateMetadata:
                    {
                        var get = PeerPb.GetStateMetadata.Parser.ParseFrom(request.Payload);
                        var result = new PeerPb.StateMetadataResult();
                        if (_metadata.TryGetValue((get.Collection, get.Key), out var entries))
                        {
                            result.Entries.AddRange(entries.Select(e => new PeerPb.StateMetadata { Metakey = e.Key, Value = e.Value }));
                        }

                        return result.ToByteString();
                    }

                case MessageType.PutStateMetadata:
                    {
                        var put = PeerPb.PutStateMetadata.Parser.ParseFrom(request.Payload);
                        if (!_metadata.TryGetValue((put.Collection, put.Key), out var entries))
                        {
                            _metadata[(put.Collection, put.Key)] = entries = new Dictionary<string, ByteString>(StringComparer.Ordinal);
                        }

                        entries[put.Metadata.Metakey] = put.Metadata.Value;
                        return ByteString.Empty;
                    }

                case MessageType.InvokeChaincode:
                    {
                        var spec = PeerPb.ChaincodeSpec.Parser.ParseFrom(request.Payload);
                        if (spec.ChaincodeId.Name.StartsWith("missing", StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException($"chaincode {spec.ChaincodeId.Name} not found");
                        }

                        var text = spec.ChaincodeId.Name + ":" + string.Join(",", spec.Input.Args.Select(a => a.ToStringUtf8()));
                        var response = new PeerPb.Response { Status = 200, Payload = ByteString.CopyFromUtf8(text) };
                        return new PeerPb.ChaincodeMessage { Type = MessageType.Completed, Payload = response.ToByteString(), Txid = request.Txid, ChannelId = request.ChannelId }.ToByteString();
                    }

                default:
                    throw new InvalidOperationException($"the test peer does not serve {request.Type}");
            }
        }
    }

    private ByteString StartIterator(IEnumerable<KeyValuePair<string, byte[]>> matching, ByteString metadataBytes)
    {
        var all = matching.ToList();
        PeerPb.QueryResponseMetadata? responseMetadata = null;
        if (!metadataBytes.IsEmpty)
        {
            // Paged: start at the bookmark, return one page, and bookmark the next key (empty when done).
            var paging = PeerPb.QueryMetadata.Parser.ParseFrom(metadataBytes);
            var start = paging.Bookmark.Length == 0 ? 0 : all.FindIndex(kv => Utf8OrdinalComparer.Instance.Compare(kv.Key, paging.Bookmark) >= 0);
            start = start < 0 ? all.Count : start;
            var page = all.Skip(start).Take(paging.PageSize).ToList();
            var nextIndex = start + page.Count;
            responseMetadata = new PeerPb.QueryResponseMetadata
            {
                FetchedRecordsCount = page.Count,
                Bookmark = nextIndex < all.Count ? all[nextIndex].Key : string.Empty,
            };
            all = page;
        }

        var results = all.Select(kv => new QueryResultPb.KV { Namespace = Namespace, Key = kv.Key, Value = ByteString.CopyFrom(kv.Value) }.ToByteString()).ToList();
        return NewIterator(results, responseMetadata);
    }

    private ByteString NewIterator(List<ByteString> results, PeerPb.QueryResponseMetadata? metadata)
    {
        var id = "iter-" + Interlocked.Increment(ref _nextIteratorId);
        var queue = new Queue<PeerPb.QueryResultBytes>(results.Select(r => new PeerPb.QueryResultBytes { ResultBytes = r }));
        _iterators[id] = queue;
        return NextBatch(id, queue, metadata).ToByteString();
    }

    private PeerPb.QueryResponse NextBatch(string id, Queue<PeerPb.QueryResultBytes> queue, PeerPb.QueryResponseMetadata? metadata)
    {
        var response = new PeerPb.QueryResponse { Id = id };
        while (response.Results.Count < BatchSize && queue.TryDequeue(out var item))
        {
            response.Results.Add(item);
        }

        response.HasMore = queue.Count > 0;
        if (metadata is not null)
        {
            response.Metadata = metadata.ToByteString();
        }

        return response;
    }

    private SortedDictionary<string, byte[]> State(string collection)
    {
        if (!_collections.TryGetValue(collection, out var state))
        {
            _collections[collection] = state = new SortedDictionary<string, byte[]>(Utf8OrdinalComparer.Instance);
        }

        return state;
    }
}
