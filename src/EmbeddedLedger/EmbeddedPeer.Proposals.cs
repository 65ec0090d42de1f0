using Google.Protobuf;
using MedChain.EmbeddedLedger.Persistence;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// The peer's side of Fabric's Gateway: a client's own signed proposal endorsed (checked as a peer's endorser
/// checks it, then simulated with its transaction id and timestamp), the endorsement committed when the client
/// submits it, and the commit status of a transaction id.
/// </summary>
public sealed partial class EmbeddedPeer
{
    private readonly Lock _statusGate = new();
    private readonly Dictionary<string, EmbeddedCommitStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatusWaiter> _waiters = new(StringComparer.Ordinal);
    private TaskCompletionSource _blockCommitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the next block is committed (take it before reading the ledger, then await it, so a block
    /// committed in between is not missed). Event streams wait on it.
    /// </summary>
    public Task BlockCommitted => Volatile.Read(ref _blockCommitted).Task;

    /// <summary>
    /// Endorses a client's proposal: checks it as a Fabric peer does (channel, header type, epoch, nonce, the
    /// transaction id computed from nonce and creator, the creator's certificate chaining to its organization's CA,
    /// the signature over the proposal bytes), then runs the chaincode on committed state. Nothing is committed; a
    /// failed chaincode response is returned, not thrown.
    /// </summary>
    /// <exception cref="ProposalRejectedException">The proposal was refused before the chaincode ran.</exception>
    public async Task<EndorsedProposal> EndorseAsync(UnpackedProposal proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var creatorMspId = Validate(proposal);
        var stub = new TransactionStub(Ledger, proposal, creatorMspId, new TransactionOptions { PeerHoldsEveryCollection = true });
        var response = await (proposal.Input.IsInit ? _chaincode.InitAsync(stub, cancellationToken) : _chaincode.InvokeAsync(stub, cancellationToken)).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The chaincode returned no response.");
        return new EndorsedProposal(proposal, creatorMspId, stub.ToSimulatedTransaction(response));
    }

    /// <summary>
    /// Validates and commits an endorsed proposal in a block of its own, in the order commits are asked for (a
    /// read whose version changed since the endorsement gives MVCC_READ_CONFLICT). The block is written to the
    /// log before it is applied. A failed chaincode response is not committed (null validation code).
    /// </summary>
    /// <exception cref="IOException">The block could not be written; the peer accepts no more transactions until reopened.</exception>
    public TransactionResult Commit(EndorsedProposal endorsed)
    {
        ArgumentNullException.ThrowIfNull(endorsed);
        if (!ReferenceEquals(endorsed.Simulation.Ledger, Ledger))
        {
            throw new ArgumentException("The proposal was endorsed by another peer.", nameof(endorsed));
        }

        return CommitSimulated(endorsed.Simulation);
    }

    /// <summary>
    /// Checks that <paramref name="signature"/> over <paramref name="message"/> was made by
    /// <paramref name="serializedIdentity"/>, a member of the channel (certificate chaining to its organization's
    /// CA, DER low-S ECDSA over SHA-256), as a peer checks a signed envelope or request.
    /// </summary>
    /// <returns>The signer's MSP id.</returns>
    /// <exception cref="ProposalRejectedException">The signer is unknown or the signature is wrong.</exception>
    public string VerifySignature(ByteString serializedIdentity, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(serializedIdentity);
        return _verifier.VerifySigner(_options.ChannelId, serializedIdentity, message, signature);
    }

    /// <summary>The verdict on <paramref name="txId"/> if a block holds it (the first one, for a repeated id), else null.</summary>
    public EmbeddedCommitStatus? GetCommitStatus(string txId)
    {
        ArgumentNullException.ThrowIfNull(txId);
        lock (_statusGate)
        {
            return _statuses.GetValueOrDefault(txId);
        }
    }

    /// <summary>Waits until a block holds <paramref name="txId"/>, as a peer's commit status call does.</summary>
    public async Task<EmbeddedCommitStatus> WaitForCommitAsync(string txId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(txId);
        StatusWaiter waiter;
        lock (_statusGate)
        {
            if (_statuses.TryGetValue(txId, out var known))
            {
                return known;
            }

            if (!_waiters.TryGetValue(txId, out waiter!))
            {
                waiter = new StatusWaiter();
                _waiters[txId] = waiter;
            }

            waiter.Count++;
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The last waiter to give up removes the entry: ids nobody submits must not pile up.
            lock (_statusGate)
            {
                if (--waiter.Count == 0 && _waiters.TryGetValue(txId, out var current) && ReferenceEquals(current, waiter))
                {
                    _waiters.Remove(txId);
                }
            }
        }
    }

    private void RecordStatuses(CommittedBlock block)
    {
        var completed = new List<(StatusWaiter Waiter, EmbeddedCommitStatus Status)>();
        lock (_statusGate)
        {
            foreach (var tx in block.Transactions)
            {
                var status = new EmbeddedCommitStatus(tx.TxId, tx.ValidationCode, block.Number);
                if (_statuses.TryAdd(tx.TxId, status) && _waiters.Remove(tx.TxId, out var waiter))
                {
                    completed.Add((waiter, status));
                }
            }
        }

        foreach (var (waiter, status) in completed)
        {
            waiter.Completion.TrySetResult(status);
        }

        Interlocked.Exchange(ref _blockCommitted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    // Fabric's endorser checks (core/endorser: UnpackedProposal.Validate), in its order and words.
    private string Validate(UnpackedProposal proposal)
    {
        var header = proposal.ChannelHeader;
        if (header.ChannelId != _options.ChannelId)
        {
            throw ProposalRejectedException.Invalid($"channel '{header.ChannelId}' not found");
        }

        if (header.Type != (int)CommonPb.HeaderType.EndorserTransaction)
        {
            throw ProposalRejectedException.Invalid($"invalid header type {(CommonPb.HeaderType)header.Type}");
        }

        if (header.Epoch != 0)
        {
            throw ProposalRejectedException.Invalid("epoch is non-zero");
        }

        var signature = proposal.SignatureHeader;
        if (signature.Nonce.IsEmpty)
        {
            throw ProposalRejectedException.Invalid("nonce is empty");
        }

        if (signature.Creator.IsEmpty)
        {
            throw ProposalRejectedException.Invalid("creator is empty");
        }

        var expected = ProposalBuilder.ComputeTxId(signature.Nonce.ToByteArray(), signature.Creator.ToByteArray());
        if (header.TxId != expected)
        {
            throw ProposalRejectedException.Invalid($"incorrectly computed txid '{header.TxId}' -- expected '{expected}'");
        }

        if (proposal.SignedProposal.Signature.IsEmpty)
        {
            throw ProposalRejectedException.Invalid("empty signature bytes");
        }

        var mspId = _verifier.VerifySigner(header.ChannelId, signature.Creator, proposal.SignedProposal.ProposalBytes.Span, proposal.SignedProposal.Signature.Span);
        if (proposal.ChaincodeName != _options.ChaincodeName)
        {
            throw ProposalRejectedException.Invalid($"make sure the chaincode {proposal.ChaincodeName} has been successfully defined on channel {header.ChannelId} and try again: chaincode {proposal.ChaincodeName} not found");
        }

        return mspId;
    }

    private sealed class StatusWaiter
    {
        public TaskCompletionSource<EmbeddedCommitStatus> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }
}

/// <summary>A client's proposal, endorsed: the chaincode's answer and event, and the read/write set a commit validates.</summary>
public sealed class EndorsedProposal
{
    internal EndorsedProposal(UnpackedProposal proposal, string creatorMspId, SimulatedTransaction simulation)
    {
        Proposal = proposal;
        CreatorMspId = creatorMspId;
        Simulation = simulation;
    }

    /// <summary>The proposal.</summary>
    public UnpackedProposal Proposal { get; }

    /// <summary>The creator's organization.</summary>
    public string CreatorMspId { get; }

    /// <summary>The transaction id.</summary>
    public string TxId => Proposal.TxId;

    /// <summary>The chaincode's answer.</summary>
    public ChaincodeResponse Response => Simulation.Response;

    /// <summary>The chaincode event, or null.</summary>
    public PeerPb.ChaincodeEvent? Event => Simulation.Event;

    internal SimulatedTransaction Simulation { get; }
}

/// <summary>The committer's verdict on a transaction and the block that holds it.</summary>
public sealed record EmbeddedCommitStatus(string TxId, PeerPb.TxValidationCode ValidationCode, ulong BlockNumber);
