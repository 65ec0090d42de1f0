using MedChain.ContractApi;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts;

/// <summary>
/// Base of the MedChain contracts: before every transaction, the endorser refuses a proposal whose
/// timestamp lies more than <see cref="MedChainOptions.MaxClockSkew"/> from its own clock. The
/// timestamp is chosen by the submitter; unbounded, a backdated proposal dispensed an expired
/// prescription and passed an access check under an expired consent, and planted entries anywhere
/// in the time-ordered access log. This is the only read of a local clock: a refusal just fails
/// endorsement, nothing on the ledger depends on it.
/// </summary>
public abstract class MedChainContract : Contract
{
    private readonly MedChainOptions _options;

    /// <summary>A contract with the given options (null: defaults, the system clock).</summary>
    protected MedChainContract(MedChainOptions? options) => _options = options ?? new MedChainOptions();

    /// <inheritdoc />
    public override Task BeforeTransactionAsync(Context ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var timestamp = ctx.Stub.TxTimestamp.ToUniversalTime();
        var now = _options.TimeProvider.GetUtcNow();
        var skew = (timestamp - now).Duration();
        if (skew > _options.MaxClockSkew)
        {
            throw Errors.Invalid(
                "transaction timestamp",
                $"{timestamp:O} is {(timestamp < now ? "behind" : "ahead of")} this endorser's clock by more than {_options.MaxClockSkew:c}");
        }

        return Task.CompletedTask;
    }
}
