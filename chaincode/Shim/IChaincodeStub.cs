using Google.Protobuf.WellKnownTypes;

namespace MedChain.Shim;

/// <summary>
/// What a chaincode sees of the transaction it runs in and of the ledger: Fabric's
/// ChaincodeStubInterface. State calls go to the peer over the chaincode stream and
/// are recorded in the transaction's read/write set; nothing is committed until the
/// transaction is validated.
/// </summary>
public interface IChaincodeStub
{
    /// <summary>The transaction id.</summary>
    string TxId { get; }

    /// <summary>The channel the transaction runs on.</summary>
    string ChannelId { get; }

    /// <summary>The arguments, first the function name.</summary>
    IReadOnlyList<byte[]> Args { get; }

    /// <summary>The arguments as UTF-8 strings.</summary>
    IReadOnlyList<string> StringArgs { get; }

    /// <summary>The first argument as the function and the rest as parameters.</summary>
    (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters();

    /// <summary>The transient map of the proposal (data kept out of the ledger, e.g. private data). Empty if none.</summary>
    IReadOnlyDictionary<string, byte[]> TransientMap { get; }

    /// <summary>The signed proposal of the transaction (null for a transaction without one).</summary>
    PeerPb.SignedProposal? SignedProposal { get; }

    /// <summary>The serialized identity (msp.SerializedIdentity) of the transaction's submitter.</summary>
    byte[] Creator { get; }

    /// <summary>SHA-256(nonce ‖ creator ‖ epoch) of the proposal, for proofs across chaincodes.</summary>
    byte[] Binding { get; }

    /// <summary>The decorations of the proposal's chaincode input. Empty if none.</summary>
    IReadOnlyDictionary<string, byte[]> Decorations { get; }

    /// <summary>The transaction timestamp from the channel header: the same on every endorser, unlike the local clock.</summary>
    DateTimeOffset TxTimestamp { get; }

    /// <summary>The transaction timestamp as protobuf.</summary>
    Timestamp GetTxTimestamp();

    // ---- public state ----

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="value"/> (non-empty) under <paramref name="key"/>.</summary>
    Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="key"/>.</summary>
    Task DelStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys in [startKey, endKey) in key order; empty bounds mean open ends.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>One page of a range query; pass the previous page's bookmark to continue.</summary>
    Task<PagedQueryResult<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Composite keys of <paramref name="objectType"/> that start with <paramref name="attributes"/>.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default);

    /// <summary>One page of a partial composite key query.</summary>
    Task<PagedQueryResult<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Fabric's composite key encoding: U+0000 objectType U+0000 attr1 U+0000 ... attrN U+0000.</summary>
    string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes);

    /// <summary>The object type and attributes of a composite key.</summary>
    (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey);

    /// <summary>A rich query (CouchDB selector JSON); peers on LevelDB reject it.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>One page of a rich query.</summary>
    Task<PagedQueryResult<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Every committed write of <paramref name="key"/>, newest first.</summary>
    Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default);

    // ---- key-level endorsement ----

    /// <summary>Sets the key's endorsement policy (serialized common.SignaturePolicyEnvelope).</summary>
    Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default);

    /// <summary>The key's endorsement policy, or null.</summary>
    Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default);

    // ---- private data ----

    // On a peer: a collection the chaincode definition doesn't declare (or an organization's
    // implicit collection, _implicit_org_<MSPID>) fails; memberOnlyRead/memberOnlyWrite are checked
    // against the submitter; a read of an existing key on a peer outside the collection fails, as
    // that peer holds only its hash. Private data calls are not allowed in Init.

    /// <summary>The value of a private key, or null when absent.</summary>
    Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 of a private value, readable by any peer of the channel; null when absent.</summary>
    Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a private value: members' peers store it, the block carries SHA-256(key) and SHA-256(value).</summary>
    Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private key; its history stays in the members' private data stores until purged or expired.</summary>
    Task DelPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a private key and, at commit, its earlier versions from every member's private data
    /// store (Fabric 2.5, channel application capability V2_5): for data that must be forgotten.
    /// </summary>
    Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Private keys in [startKey, endKey); allowed only in read-only transactions.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>Private composite keys of <paramref name="objectType"/> starting with <paramref name="attributes"/>; read-only transactions only.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default);

    /// <summary>Sets a private key's endorsement policy (serialized common.SignaturePolicyEnvelope).</summary>
    Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy, CancellationToken cancellationToken = default);

    /// <summary>A private key's endorsement policy, or null.</summary>
    Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default);

    // ---- events and other chaincodes ----

    /// <summary>Sets the transaction's chaincode event (one per transaction; a later call replaces it).</summary>
    void SetEvent(string name, byte[] payload);

    /// <summary>The event set so far, or null.</summary>
    PeerPb.ChaincodeEvent? ChaincodeEvent { get; }

    /// <summary>Calls another chaincode on <paramref name="channel"/> (empty: this channel) in this transaction.</summary>
    Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string channel = "", CancellationToken cancellationToken = default);
}
