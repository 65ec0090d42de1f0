using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>
/// A chaincode on a channel, optionally one named contract in it. Thread-safe. The methods form a
/// ladder: each convenience method stands for a fixed sequence of the lower steps
/// (<see cref="NewProposal"/>, <see cref="Proposal.EvaluateAsync"/>, <see cref="Proposal.EndorseAsync"/>,
/// <see cref="Transaction.SubmitAsync"/>, <see cref="Commit.GetStatusAsync"/>).
/// </summary>
public sealed class Contract
{
    private readonly GatewayContext _context;

    internal Contract(GatewayContext context, string channelName, string chaincodeName, string? contractName)
    {
        _context = context;
        ChannelName = channelName;
        ChaincodeName = chaincodeName;
        ContractName = contractName;
    }

    /// <summary>The channel's name.</summary>
    public string ChannelName { get; }

    /// <summary>The chaincode's name.</summary>
    public string ChaincodeName { get; }

    /// <summary>The contract's name within the chaincode, or null for the chaincode's default contract.</summary>
    public string? ContractName { get; }

    /// <summary>
    /// Runs a transaction function on one peer without recording it on the ledger and returns its result.
    /// Stands for <c>EvaluateAsync(name, ProposalOptions.WithArguments(args))</c>.
    /// </summary>
    /// <exception cref="GatewayException">The evaluation failed; <see cref="GatewayException.Details"/> has the peers' errors.</exception>
    public Task<byte[]> EvaluateTransactionAsync(string name, params string[] args) =>
        EvaluateTransactionAsync(name, args, CancellationToken.None);

    /// <inheritdoc cref="EvaluateTransactionAsync(string, string[])"/>
    public Task<byte[]> EvaluateTransactionAsync(string name, IEnumerable<string> args, CancellationToken cancellationToken) =>
        EvaluateAsync(name, ProposalOptions.WithArguments(args ?? throw new ArgumentNullException(nameof(args))), cancellationToken);

    /// <summary>
    /// Runs a transaction function on one peer without recording it on the ledger and returns its result.
    /// Stands for <c>NewProposal(name, options)</c> then <see cref="Proposal.EvaluateAsync"/>.
    /// </summary>
    /// <exception cref="GatewayException">The evaluation failed.</exception>
    public Task<byte[]> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        NewProposal(name, options).EvaluateAsync(cancellationToken);

    /// <summary>
    /// Endorses, submits and waits for the commit of a transaction; returns its result once it is valid on the ledger.
    /// Stands for <c>SubmitTransactionAsync(name, ProposalOptions.WithArguments(args), CancellationToken.None)</c>.
    /// </summary>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">The transaction was not accepted for ordering.</exception>
    /// <exception cref="CommitStatusException">Its commit status could not be read.</exception>
    /// <exception cref="CommitException">It was ordered but failed validation (e.g. MVCC_READ_CONFLICT).</exception>
    public Task<byte[]> SubmitTransactionAsync(string name, params string[] args) =>
        SubmitTransactionAsync(name, args, CancellationToken.None);

    /// <inheritdoc cref="SubmitTransactionAsync(string, string[])"/>
    public Task<byte[]> SubmitTransactionAsync(string name, IEnumerable<string> args, CancellationToken cancellationToken) =>
        SubmitTransactionAsync(name, ProposalOptions.WithArguments(args ?? throw new ArgumentNullException(nameof(args))), cancellationToken);

    /// <summary>
    /// Endorses, submits and waits for the commit of a transaction; returns its result once it is valid on the ledger.
    /// Stands for <see cref="SubmitAsync"/> then <see cref="Commit.GetStatusAsync"/>, throwing
    /// <see cref="CommitException"/> unless the status is successful.
    /// </summary>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">The transaction was not accepted for ordering.</exception>
    /// <exception cref="CommitStatusException">Its commit status could not be read.</exception>
    /// <exception cref="CommitException">It was ordered but failed validation (e.g. MVCC_READ_CONFLICT).</exception>
    public async Task<byte[]> SubmitTransactionAsync(string name, ProposalOptions? options, CancellationToken cancellationToken = default)
    {
        var submitted = await SubmitAsync(name, options, cancellationToken).ConfigureAwait(false);
        var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        return status.Successful ? submitted.Result : throw new CommitException(status);
    }

    /// <summary>
    /// Endorses and submits a transaction without waiting for its commit: the returned
    /// <see cref="SubmittedTransaction"/> has the transaction id and result at once, and its
    /// <see cref="Commit.GetStatusAsync"/> waits for the commit.
    /// Stands for <c>NewProposal(name, options)</c>, <see cref="Proposal.EndorseAsync"/>, <see cref="Transaction.SubmitAsync"/>.
    /// </summary>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">The transaction was not accepted for ordering.</exception>
    public async Task<SubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transaction = await NewProposal(name, options).EndorseAsync(cancellationToken).ConfigureAwait(false);
        return await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds (but neither signs nor sends) the proposal to run transaction <paramref name="name"/>; its
    /// <see cref="Proposal.Bytes"/> and <see cref="Proposal.Digest"/> allow offline signing.
    /// </summary>
    public Proposal NewProposal(string name, ProposalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var qualifiedName = ContractName is null ? name : $"{ContractName}:{name}";
        return ProposalBuilder.Build(_context, ChannelName, ChaincodeName, qualifiedName, options ?? new ProposalOptions());
    }
}
