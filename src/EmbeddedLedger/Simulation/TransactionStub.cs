using System.Text;
using Google.Protobuf.WellKnownTypes;
using MedChain.EmbeddedLedger.Internal;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// <see cref="IChaincodeStub"/> for one transaction simulation against an <see cref="InMemoryLedger"/>,
/// with a peer's semantics: reads come from committed state and are recorded with their versions;
/// writes are buffered in the write set and are not visible to reads of the same transaction; range
/// queries run in key order (UTF-8 byte order) and record what they returned for the phantom check;
/// paginated queries and private data queries are allowed only in read-only transactions; rich
/// queries are rejected as on a LevelDB peer. <see cref="ChaincodeTester"/> drives it; use it
/// directly to call a chaincode and inspect <see cref="ToSimulatedTransaction"/>.
/// </summary>
public partial class TransactionStub : IChaincodeStub
{
    private static readonly Dictionary<string, byte[]> _noEntries = new(StringComparer.Ordinal);

    private readonly InMemoryLedger _ledger;
    private readonly TxSimulation _simulation;
    private readonly Func<string, IChaincode?>? _chaincodes;
    private readonly string _submitterMspId;
    private readonly byte[] _nonce;
    private readonly byte[][] _args;
    private readonly bool _isInit;
    private readonly bool _peerHoldsEveryCollection;
    private PeerPb.ChaincodeEvent? _event;

    /// <summary>A simulation of a transaction calling <paramref name="chaincodeName"/> with <paramref name="args"/>.</summary>
    public TransactionStub(InMemoryLedger ledger, string chaincodeName, IReadOnlyList<byte[]> args, ITransactionCreator submitter, DateTimeOffset txTimestamp, TransactionOptions? options = null)
        : this(ledger, chaincodeName, args, submitter, txTimestamp, options, chaincodes: null)
    {
    }

    internal TransactionStub(InMemoryLedger ledger, string chaincodeName, IReadOnlyList<byte[]> args, ITransactionCreator submitter, DateTimeOffset txTimestamp, TransactionOptions? options, Func<string, IChaincode?>? chaincodes)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(submitter);
        _ledger = ledger;
        _chaincodes = chaincodes;
        _submitterMspId = submitter.MspId;
        ChaincodeName = chaincodeName;
        _args = args.Select(a => (a ?? throw new ArgumentException("An argument is null.", nameof(args))).ToArray()).ToArray();
        StringArgs = _args.Select(a => Encoding.UTF8.GetString(a)).ToArray();
        TxTimestamp = txTimestamp;
        TransientMap = options?.TransientMap is { } transient
            ? transient.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)
            : _noEntries;
        _nonce = ProposalBuilder.NewNonce();
        Creator = submitter.SerializedIdentity.ToArray();
        TxId = options?.TxId ?? ProposalBuilder.ComputeTxId(_nonce, Creator);
        ArgumentException.ThrowIfNullOrEmpty(TxId, nameof(options));
        Binding = ProposalBuilder.ComputeBinding(_nonce, Creator, epoch: 0);
        SignedProposal = ProposalBuilder.Build(submitter, ledger.ChannelId, chaincodeName, TxId, _nonce, txTimestamp, _args, TransientMap, options?.IsInit ?? false);
        _simulation = new TxSimulation(TxId) { Endorsers = options?.Endorsers?.ToArray() };
        _isInit = options?.IsInit ?? false;
        PeerMspId = options?.PeerMspId ?? submitter.MspId;
        _peerHoldsEveryCollection = options?.PeerHoldsEveryCollection ?? false;
    }

    /// <summary>
    /// A simulation of a client's own signed proposal, as a peer runs it: its transaction id, timestamp, creator,
    /// arguments, transient map and init flag, and the proposal itself as <see cref="SignedProposal"/>.
    /// </summary>
    internal TransactionStub(InMemoryLedger ledger, UnpackedProposal proposal, string creatorMspId, TransactionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(proposal);
        _ledger = ledger;
        _submitterMspId = creatorMspId;
        ChaincodeName = proposal.ChaincodeName;
        _args = proposal.Input.Args.Select(a => a.ToByteArray()).ToArray();
        StringArgs = _args.Select(a => Encoding.UTF8.GetString(a)).ToArray();
        TxTimestamp = proposal.ChannelHeader.Timestamp.ToDateTimeOffset();
        TransientMap = proposal.Payload.TransientMap.Count == 0
            ? _noEntries
            : proposal.Payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray(), StringComparer.Ordinal);
        _nonce = proposal.SignatureHeader.Nonce.ToByteArray();
        Creator = proposal.SignatureHeader.Creator.ToByteArray();
        TxId = proposal.TxId;
        Binding = ProposalBuilder.ComputeBinding(_nonce, Creator, proposal.ChannelHeader.Epoch);
        SignedProposal = proposal.SignedProposal;
        _simulation = new TxSimulation(TxId) { Endorsers = options?.Endorsers?.ToArray() };
        _isInit = proposal.Input.IsInit;
        PeerMspId = options?.PeerMspId ?? creatorMspId;
        _peerHoldsEveryCollection = options?.PeerHoldsEveryCollection ?? false;
    }

    private TransactionStub(TransactionStub caller, string chaincodeName, IReadOnlyList<byte[]> args)
    {
        // A called chaincode runs in the caller's transaction: same id, proposal and read/write set.
        _ledger = caller._ledger;
        _chaincodes = caller._chaincodes;
        _submitterMspId = caller._submitterMspId;
        _simulation = caller._simulation;
        _nonce = caller._nonce;
        ChaincodeName = chaincodeName;
        _args = args.Select(a => a.ToArray()).ToArray();
        StringArgs = _args.Select(a => Encoding.UTF8.GetString(a)).ToArray();
        TxTimestamp = caller.TxTimestamp;
        TransientMap = caller.TransientMap;
        Creator = caller.Creator;
        TxId = caller.TxId;
        Binding = caller.Binding;
        SignedProposal = caller.SignedProposal;
        PeerMspId = caller.PeerMspId;
        _peerHoldsEveryCollection = caller._peerHoldsEveryCollection;
    }

    /// <summary>The MSP id of the peer simulating the transaction: it holds only its organization's collections.</summary>
    public string PeerMspId { get; }

    /// <summary>The chaincode (state namespace) this stub serves.</summary>
    public string ChaincodeName { get; }

    /// <inheritdoc />
    public string TxId { get; }

    /// <inheritdoc />
    public string ChannelId => _ledger.ChannelId;

    /// <inheritdoc />
    public IReadOnlyList<byte[]> Args => _args;

    /// <inheritdoc />
    public IReadOnlyList<string> StringArgs { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> TransientMap { get; }

    /// <inheritdoc />
    public PeerPb.SignedProposal? SignedProposal { get; }

    /// <inheritdoc />
    public byte[] Creator { get; }

    /// <inheritdoc />
    public byte[] Binding { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Decorations => _noEntries;

    /// <inheritdoc />
    public DateTimeOffset TxTimestamp { get; }

    /// <inheritdoc />
    public PeerPb.ChaincodeEvent? ChaincodeEvent => _event;

    /// <inheritdoc />
    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        StringArgs.Count == 0 ? (string.Empty, []) : (StringArgs[0], StringArgs.Skip(1).ToArray());

    /// <inheritdoc />
    public Timestamp GetTxTimestamp() => Timestamp.FromDateTimeOffset(TxTimestamp);

    /// <summary>
    /// Ends the simulation with the chaincode's <paramref name="response"/>: the result can be
    /// committed; the stub accepts no more writes.
    /// </summary>
    public SimulatedTransaction ToSimulatedTransaction(ChaincodeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_simulation.Gate)
        {
            _simulation.Completed = true;
            return new SimulatedTransaction(_ledger, _simulation, ChaincodeName, _args, TxTimestamp, Creator, response, _event?.Clone());
        }
    }

    /// <inheritdoc />
    public void SetEvent(string name, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _event = new PeerPb.ChaincodeEvent
        {
            ChaincodeId = ChaincodeName,
            TxId = TxId,
            EventName = name,
            Payload = Google.Protobuf.ByteString.CopyFrom(payload ?? []),
        };
    }

    /// <summary>
    /// Calls a chaincode registered with the <see cref="ChaincodeTester"/> in this transaction: its
    /// reads and writes join this transaction's read/write set. Other channels and unregistered
    /// chaincodes throw <see cref="NotSupportedException"/>.
    /// </summary>
    public async Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string channel = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        cancellationToken.ThrowIfCancellationRequested();
        if (!string.IsNullOrEmpty(channel) && channel != ChannelId)
        {
            throw new NotSupportedException($"The in-memory ledger holds channel '{ChannelId}' only; cannot call a chaincode on '{channel}'.");
        }

        var chaincode = _chaincodes?.Invoke(chaincodeName)
            ?? throw new NotSupportedException($"Chaincode '{chaincodeName}' is not registered with the ChaincodeTester.");
        var stub = new TransactionStub(this, chaincodeName, args);
        return await chaincode.InvokeAsync(stub, cancellationToken).ConfigureAwait(false);
    }

    private StateKey PublicKey(string key) => new(ChaincodeName, string.Empty, key);

    private void RecordRead(StateKey key, LedgerVersion? version)
    {
        lock (_simulation.Gate)
        {
            // The first read of a key is what the transaction depends on.
            _simulation.Reads.TryAdd(key, version);
        }
    }

    private void Write(StateKey key, byte[]? value)
    {
        if (key.Key.Length == 0)
        {
            throw new ArgumentException("The key must not be empty.", nameof(key));
        }

        Utf8Keys.Validate(key.Key, nameof(key));
        if (value is not null && value.Length == 0)
        {
            throw new ArgumentException("The value must not be empty (use a delete to remove a key).", nameof(value));
        }

        lock (_simulation.Gate)
        {
            CheckWritable();
            _simulation.WritePerformed = true;
            _simulation.Writes[key] = value?.ToArray();
        }
    }

    private void WriteValidationParameter(StateKey key, byte[] policy)
    {
        if (key.Key.Length == 0)
        {
            throw new ArgumentException("The key must not be empty.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(policy);
        lock (_simulation.Gate)
        {
            CheckWritable();
            _simulation.WritePerformed = true;
            _simulation.ValidationParameterWrites[key] = policy.ToArray();
        }
    }

    // Fabric's transaction simulator refuses writes after paginated or private data queries: those
    // queries are not re-validated at commit, so they are only allowed in read-only transactions.
    private void CheckWritable()
    {
        if (_simulation.Completed)
        {
            throw new InvalidOperationException("The transaction simulation has completed; no more writes are accepted.");
        }

        if (_simulation.PaginatedQueryPerformed)
        {
            throw new InvalidOperationException("The transaction has already performed a paginated query: writes are not allowed.");
        }

        if (_simulation.PrivateQueryPerformed)
        {
            throw new InvalidOperationException("The transaction has already performed queries on private data: writes are not allowed.");
        }
    }
}
