using System.Text;
using MedChain.EmbeddedLedger.Persistence;
using Microsoft.Extensions.Logging;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// One chaincode on one channel in this process, behaving as a Fabric network of one node that holds every
/// private data collection: a proposal's creator is checked against the channel's MSPs; evaluate simulates on
/// committed state; submit simulates, then validates in submission order (a read whose version changed since
/// gives MVCC_READ_CONFLICT, as on a peer) and commits a block of its own, written to the block log and flushed
/// before it is applied. Opening replays the log. For development and single-machine trials; Fabric stays the
/// production ledger.
/// </summary>
public sealed partial class EmbeddedPeer : IDisposable
{
    private readonly IChaincode _chaincode;
    private readonly EmbeddedPeerOptions _options;
    private readonly CreatorVerifier _verifier;
    private readonly BlockLog _log;
    private readonly ILogger _logger;
    private readonly Lock _eventsGate = new();
    private readonly List<EmbeddedChaincodeEvent> _events = [];
    private volatile bool _faulted;

    private EmbeddedPeer(IChaincode chaincode, EmbeddedPeerOptions options, InMemoryLedger ledger, BlockLog log, ILogger logger)
    {
        _chaincode = chaincode;
        _options = options;
        _verifier = new CreatorVerifier(options.CertificateAuthorities, options.TimeProvider);
        Ledger = ledger;
        _log = log;
        _logger = logger;
    }

    /// <summary>The world state (read it for inspection; transactions go through this peer).</summary>
    public InMemoryLedger Ledger { get; }

    /// <summary>The block log's path.</summary>
    public string LogPath => _log.Path;

    /// <summary>Opens the peer: replays the block log in <see cref="EmbeddedPeerOptions.DataDirectory"/> (dropping a torn last entry).</summary>
    /// <exception cref="BlockLogCorruptException">The log is damaged before its last entry.</exception>
    public static EmbeddedPeer Open(IChaincode chaincode, EmbeddedPeerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(options.DataDirectory, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.ChannelId, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.ChaincodeName, nameof(options));
        var ledger = new InMemoryLedger(options.ChannelId);
        var events = new List<EmbeddedChaincodeEvent>();
        var statuses = new List<CommittedBlock>();
        var log = BlockLog.Open(options.DataDirectory, block =>
        {
            ledger.Replay(block);
            events.AddRange(EventsOf(block));
            statuses.Add(block);
        }, logger);
        EmbeddedLedgerLog.Opened(logger, options.ChannelId, log.Path, ledger.Height - 1);
        var peer = new EmbeddedPeer(chaincode, options, ledger, log, logger);
        peer._events.AddRange(events);
        foreach (var block in statuses)
        {
            peer.RecordStatuses(block);
        }

        return peer;
    }

    /// <summary>Runs a query: the chaincode's response, nothing committed.</summary>
    /// <exception cref="ProposalRejectedException">The creator is not a member of the channel, or the proposal's signature is wrong.</exception>
    public async Task<ChaincodeResponse> EvaluateAsync(ITransactionCreator creator, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken)
    {
        var simulated = await SimulateAsync(creator, args, transient, isInit: false, cancellationToken).ConfigureAwait(false);
        return simulated.Response;
    }

    /// <summary>
    /// Endorses and commits a transaction. A failed chaincode response is not submitted (null validation code);
    /// otherwise the result carries the committer's verdict and block.
    /// </summary>
    /// <exception cref="ProposalRejectedException">The creator is not a member of the channel, or the proposal's signature is wrong.</exception>
    /// <exception cref="IOException">The block could not be written; the peer accepts no more transactions until reopened.</exception>
    public Task<TransactionResult> SubmitAsync(ITransactionCreator creator, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, CancellationToken cancellationToken) =>
        CommitAsync(creator, args, transient, isInit: false, cancellationToken);

    /// <summary>
    /// Submits the chaincode's init invocation (as <c>peer chaincode invoke --isInit</c> after a definition with
    /// --init-required): the chaincode's InitAsync runs instead of InvokeAsync.
    /// </summary>
    public Task<TransactionResult> InitAsync(ITransactionCreator creator, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        CommitAsync(creator, args, transient: null, isInit: true, cancellationToken);

    private async Task<TransactionResult> CommitAsync(ITransactionCreator creator, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, bool isInit, CancellationToken cancellationToken)
    {
        var simulated = await SimulateAsync(creator, args, transient, isInit, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return CommitSimulated(simulated);
    }

    private TransactionResult CommitSimulated(SimulatedTransaction simulated)
    {
        ObjectDisposedException.ThrowIf(_faulted, this);
        CommittedBlock? committed = null;
        var result = Ledger.CommitDurably(simulated, block =>
        {
            try
            {
                _log.Append(block);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Whether the block reached the disk is unknown: only a restart (which replays what is whole) can tell.
                _faulted = true;
                EmbeddedLedgerLog.AppendFailed(_logger, block.Number, e);
                throw;
            }

            lock (_eventsGate)
            {
                _events.AddRange(EventsOf(block));
            }

            committed = block;
        });

        // Announced once applied: whoever waits for the status may read the new state at once.
        if (committed is not null)
        {
            RecordStatuses(committed);
        }

        return result;
    }

    /// <summary>The chaincode events of valid transactions in blocks from <paramref name="startBlock"/> on, in commit order.</summary>
    public IReadOnlyList<EmbeddedChaincodeEvent> GetChaincodeEvents(ulong startBlock)
    {
        lock (_eventsGate)
        {
            return _events.Where(e => e.BlockNumber >= startBlock).ToList();
        }
    }

    public void Dispose() => _log.Dispose();

    private async Task<SimulatedTransaction> SimulateAsync(ITransactionCreator creator, IReadOnlyList<string> args, IReadOnlyDictionary<string, byte[]>? transient, bool isInit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(args);
        var stub = new TransactionStub(
            Ledger,
            _options.ChaincodeName,
            args.Select(a => Encoding.UTF8.GetBytes(a)).ToArray(),
            creator,
            _options.TimeProvider.GetUtcNow(),
            new TransactionOptions { TransientMap = transient, PeerHoldsEveryCollection = true, IsInit = isInit });
        var proposal = stub.SignedProposal!;
        _verifier.Verify(stub.Creator, proposal.ProposalBytes.ToByteArray(), proposal.Signature.ToByteArray());
        var response = await (isInit ? _chaincode.InitAsync(stub, cancellationToken) : _chaincode.InvokeAsync(stub, cancellationToken)).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The chaincode returned no response.");
        return stub.ToSimulatedTransaction(response);
    }

    private static IEnumerable<EmbeddedChaincodeEvent> EventsOf(CommittedBlock block) =>
        block.Transactions
            .Where(t => t.ValidationCode == PeerPb.TxValidationCode.Valid && t.Event is not null)
            .Select(t => new EmbeddedChaincodeEvent(block.Number, t.TxId, t.Event!.ChaincodeId, t.Event.Name, t.Event.Payload));
}

/// <summary>A chaincode event of a committed valid transaction.</summary>
public sealed record EmbeddedChaincodeEvent(ulong BlockNumber, string TransactionId, string ChaincodeName, string EventName, byte[] Payload);
