using System.Text;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// Runs transactions of a chaincode against an <see cref="InMemoryLedger"/> the way a Fabric
/// network does: simulate (endorse) on a <see cref="TransactionStub"/>, then commit with MVCC validation.
/// Simulating two transactions before committing either reproduces concurrent endorsement: the
/// second to commit gets MVCC_READ_CONFLICT if it read a key the first one wrote.
/// </summary>
public sealed class ChaincodeTester
{
    private readonly Dictionary<string, IChaincode> _chaincodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A tester for chaincode <paramref name="chaincodeName"/> (its state namespace) on <paramref name="ledger"/>.</summary>
    public ChaincodeTester(InMemoryLedger ledger, string chaincodeName = "medchain")
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        Ledger = ledger;
        ChaincodeName = chaincodeName;
    }

    /// <summary>The ledger transactions commit to.</summary>
    public InMemoryLedger Ledger { get; }

    /// <summary>The name of the chaincode under test.</summary>
    public string ChaincodeName { get; }

    /// <summary>Makes <paramref name="chaincode"/> callable by InvokeChaincode under <paramref name="name"/>.</summary>
    public void RegisterChaincode(string name, IChaincode chaincode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(chaincode);
        lock (_gate)
        {
            _chaincodes[name] = chaincode;
        }
    }

    /// <summary>Endorses a transaction: runs the chaincode on a fresh <see cref="TransactionStub"/> without committing.</summary>
    public async Task<SimulatedTransaction> SimulateAsync(
        IChaincode chaincode,
        IReadOnlyList<string> args,
        ITransactionCreator submitter,
        DateTimeOffset txTimestamp,
        TransactionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(args);
        var stub = new TransactionStub(Ledger, ChaincodeName, args.Select(a => Encoding.UTF8.GetBytes(a)).ToArray(), submitter, txTimestamp, options, Resolve);
        var response = options?.IsInit == true
            ? await chaincode.InitAsync(stub, cancellationToken).ConfigureAwait(false)
            : await chaincode.InvokeAsync(stub, cancellationToken).ConfigureAwait(false);
        return stub.ToSimulatedTransaction(response ?? throw new InvalidOperationException("The chaincode returned no response."));
    }

    /// <summary>
    /// Validates and commits <paramref name="transaction"/> in a block of its own. A failed response
    /// is not submitted (null validation code); a read of a key whose version changed since gives
    /// MVCC_READ_CONFLICT, a range whose keys changed PHANTOM_READ_CONFLICT, a repeated transaction
    /// id DUPLICATE_TXID; only a valid transaction's writes are applied.
    /// </summary>
    public TransactionResult Commit(SimulatedTransaction transaction) => CommitBlock([transaction])[0];

    /// <summary>Commits several transactions in one block, validated in order as a peer does.</summary>
    public IReadOnlyList<TransactionResult> CommitBlock(IReadOnlyList<SimulatedTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var transaction in transactions)
        {
            ArgumentNullException.ThrowIfNull(transaction, nameof(transactions));
            if (!ReferenceEquals(transaction.Ledger, Ledger))
            {
                throw new ArgumentException("The transaction was simulated against another ledger.", nameof(transactions));
            }
        }

        return Ledger.CommitBlock(transactions);
    }

    /// <summary>Submits a transaction: simulates, then commits it.</summary>
    public async Task<TransactionResult> InvokeAsync(
        IChaincode chaincode,
        IReadOnlyList<string> args,
        ITransactionCreator submitter,
        DateTimeOffset txTimestamp,
        TransactionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var simulated = await SimulateAsync(chaincode, args, submitter, txTimestamp, options, cancellationToken).ConfigureAwait(false);
        return Commit(simulated);
    }

    /// <summary>Evaluates a query: simulates only, nothing is committed.</summary>
    public async Task<ChaincodeResponse> EvaluateAsync(
        IChaincode chaincode,
        IReadOnlyList<string> args,
        ITransactionCreator submitter,
        DateTimeOffset txTimestamp,
        TransactionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var simulated = await SimulateAsync(chaincode, args, submitter, txTimestamp, options, cancellationToken).ConfigureAwait(false);
        return simulated.Response;
    }

    private IChaincode? Resolve(string name)
    {
        lock (_gate)
        {
            return _chaincodes.GetValueOrDefault(name);
        }
    }
}
