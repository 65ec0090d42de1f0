using Google.Protobuf;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Internal;

/// <summary>The stub's ledger calls: each one a message to the peer and its RESPONSE.</summary>
internal sealed partial class ChaincodeStub
{
    /// <summary>The metadata key of a key's endorsement policy (Fabric's MetaDataKeys.VALIDATION_PARAMETER).</summary>
    internal const string ValidationParameterMetakey = "VALIDATION_PARAMETER";

    /// <summary>
    /// PURGE_PRIVATE_DATA, added to ChaincodeMessage.Type in Fabric 2.5 (value 23); the fabric-protos
    /// release the wire types are generated from predates it.
    /// </summary>
    internal const MessageType PurgePrivateDataType = (MessageType)23;

    // ---- public state ----

    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        GetAsync(MessageType.GetState, string.Empty, key, cancellationToken);

    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        PutAsync(string.Empty, key, value, cancellationToken);

    public Task DelStateAsync(string key, CancellationToken cancellationToken = default) =>
        DelAsync(string.Empty, key, cancellationToken);

    public async Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default) =>
        (await RangeAsync(string.Empty, RangeStart(startKey), RangeEnd(endKey), null, cancellationToken).ConfigureAwait(false)).Iterator;

    public Task<PagedQueryResult<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        RangeAsync(string.Empty, RangeStart(startKey), RangeEnd(endKey), QueryMetadata(pageSize, bookmark), cancellationToken);

    public async Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return (await RangeAsync(string.Empty, start, end, null, cancellationToken).ConfigureAwait(false)).Iterator;
    }

    public Task<PagedQueryResult<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return RangeAsync(string.Empty, start, end, QueryMetadata(pageSize, bookmark), cancellationToken);
    }

    public async Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default) =>
        (await QueryAsync(string.Empty, query, null, cancellationToken).ConfigureAwait(false)).Iterator;

    public Task<PagedQueryResult<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        QueryAsync(string.Empty, query, QueryMetadata(pageSize, bookmark), cancellationToken);

    public async Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var payload = await CallAsync(MessageType.GetHistoryForKey, new PeerPb.GetHistoryForKey { Key = key }, cancellationToken).ConfigureAwait(false);
        var response = ParseReply(PeerPb.QueryResponse.Parser, payload, MessageType.GetHistoryForKey);
        return new QueryResultsIterator<KeyModification>(this, response, ParseKeyModification);
    }

    // ---- key-level endorsement ----

    public Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default) =>
        PutMetadataAsync(string.Empty, key, endorsementPolicy, cancellationToken);

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        GetMetadataAsync(string.Empty, key, cancellationToken);

    // ---- private data ----

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        GetAsync(MessageType.GetState, Collection(collection), key, cancellationToken);

    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        GetAsync(MessageType.GetPrivateDataHash, Collection(collection), key, cancellationToken);

    public Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default) =>
        PutAsync(Collection(collection), key, value, cancellationToken);

    public Task DelPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        DelAsync(Collection(collection), key, cancellationToken);

    public async Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        var checkedCollection = Collection(collection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await CallAsync(PurgePrivateDataType, new PeerPb.DelState { Key = key, Collection = checkedCollection }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default) =>
        (await RangeAsync(Collection(collection), RangeStart(startKey), RangeEnd(endKey), null, cancellationToken).ConfigureAwait(false)).Iterator;

    public async Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var checkedCollection = Collection(collection);
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return (await RangeAsync(checkedCollection, start, end, null, cancellationToken).ConfigureAwait(false)).Iterator;
    }

    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default) =>
        PutMetadataAsync(Collection(collection), key, endorsementPolicy, cancellationToken);

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        GetMetadataAsync(Collection(collection), key, cancellationToken);

    // ---- other chaincodes ----

    public async Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string channel = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);

        // The peer takes "name/channel" for a chaincode on another channel.
        var name = string.IsNullOrEmpty(channel) ? chaincodeName : $"{chaincodeName}/{channel}";
        var input = new PeerPb.ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFrom));
        var spec = new PeerPb.ChaincodeSpec { ChaincodeId = new PeerPb.ChaincodeID { Name = name }, Input = input };
        ByteString payload;
        try
        {
            payload = await CallAsync(MessageType.InvokeChaincode, spec, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerCallException ex)
        {
            return ChaincodeResponse.Error(ex.Message);
        }

        // RESPONSE carries the called chaincode's own COMPLETED (or ERROR) message.
        var called = ParseReply(PeerPb.ChaincodeMessage.Parser, payload, MessageType.InvokeChaincode);
        if (called.Type != MessageType.Completed)
        {
            return ChaincodeResponse.Error(Utf8(called.Payload));
        }

        var response = ParseReply(PeerPb.Response.Parser, called.Payload, MessageType.InvokeChaincode);
        return new ChaincodeResponse(response.Status, response.Message, response.Payload.ToByteArray());
    }

    // ---- helpers ----

    private async Task<byte[]?> GetAsync(MessageType type, string collection, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var payload = await CallAsync(type, new PeerPb.GetState { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);

        // The peer answers an empty payload for a missing key.
        return payload.IsEmpty ? null : payload.ToByteArray();
    }

    private async Task PutAsync(string collection, string key, byte[] value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            // An empty value is a delete in Fabric's write set; make the caller say so.
            throw new ArgumentException("The value must not be empty; use DelState to delete a key.", nameof(value));
        }

        await CallAsync(MessageType.PutState, new PeerPb.PutState { Key = key, Value = ByteString.CopyFrom(value), Collection = collection }, cancellationToken).ConfigureAwait(false);
    }

    private async Task DelAsync(string collection, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await CallAsync(MessageType.DelState, new PeerPb.DelState { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PagedQueryResult<KeyValue>> RangeAsync(string collection, string startKey, string endKey, ByteString? metadata, CancellationToken cancellationToken)
    {
        var request = new PeerPb.GetStateByRange { StartKey = startKey, EndKey = endKey, Collection = collection };
        if (metadata is not null)
        {
            request.Metadata = metadata;
        }

        var payload = await CallAsync(MessageType.GetStateByRange, request, cancellationToken).ConfigureAwait(false);
        return ToPaged(ParseReply(PeerPb.QueryResponse.Parser, payload, MessageType.GetStateByRange));
    }

    private async Task<PagedQueryResult<KeyValue>> QueryAsync(string collection, string query, ByteString? metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        var request = new PeerPb.GetQueryResult { Query = query, Collection = collection };
        if (metadata is not null)
        {
            request.Metadata = metadata;
        }

        var payload = await CallAsync(MessageType.GetQueryResult, request, cancellationToken).ConfigureAwait(false);
        return ToPaged(ParseReply(PeerPb.QueryResponse.Parser, payload, MessageType.GetQueryResult));
    }

    private PagedQueryResult<KeyValue> ToPaged(PeerPb.QueryResponse response)
    {
        var metadata = response.Metadata.IsEmpty
            ? new PeerPb.QueryResponseMetadata()
            : ParseReply(PeerPb.QueryResponseMetadata.Parser, response.Metadata, MessageType.GetStateByRange);
        var iterator = new QueryResultsIterator<KeyValue>(this, response, ParseKeyValue);
        return new PagedQueryResult<KeyValue>(iterator, new QueryResponseMetadata(metadata.FetchedRecordsCount, metadata.Bookmark));
    }

    private async Task PutMetadataAsync(string collection, string key, byte[] endorsementPolicy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(endorsementPolicy);
        var request = new PeerPb.PutStateMetadata
        {
            Key = key,
            Collection = collection,
            Metadata = new PeerPb.StateMetadata { Metakey = ValidationParameterMetakey, Value = ByteString.CopyFrom(endorsementPolicy) },
        };
        await CallAsync(MessageType.PutStateMetadata, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> GetMetadataAsync(string collection, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var payload = await CallAsync(MessageType.GetStateMetadata, new PeerPb.GetStateMetadata { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        var result = ParseReply(PeerPb.StateMetadataResult.Parser, payload, MessageType.GetStateMetadata);
        var entry = result.Entries.LastOrDefault(e => e.Metakey == ValidationParameterMetakey);
        return entry?.Value.ToByteArray();
    }

    private static ByteString QueryMetadata(int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new PeerPb.QueryMetadata { PageSize = pageSize, Bookmark = bookmark ?? string.Empty }.ToByteString();
    }

    private static string RangeStart(string startKey)
    {
        CompositeKey.ValidateSimpleKey(startKey, nameof(startKey));

        // An empty start would include the composite key namespace (U+0000...); Fabric starts at U+0001 instead.
        return startKey.Length == 0 ? CompositeKey.EmptyKeySubstitute : startKey;
    }

    private static string RangeEnd(string endKey)
    {
        CompositeKey.ValidateSimpleKey(endKey, nameof(endKey));
        return endKey;
    }

    private static string Collection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("The collection must not be empty.", nameof(collection));
        }

        return collection;
    }

    private static KeyValue ParseKeyValue(ByteString bytes)
    {
        var kv = ParseReply(QueryResultPb.KV.Parser, bytes, MessageType.QueryStateNext);
        return new KeyValue(kv.Namespace, kv.Key, kv.Value.ToByteArray());
    }

    private static KeyModification ParseKeyModification(ByteString bytes)
    {
        var km = ParseReply(QueryResultPb.KeyModification.Parser, bytes, MessageType.GetHistoryForKey);
        var timestamp = km.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
        return new KeyModification(km.TxId, km.Value.ToByteArray(), timestamp, km.IsDelete);
    }
}
