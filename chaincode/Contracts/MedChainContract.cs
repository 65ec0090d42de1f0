using System.Reflection;
using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts;

/// <summary>
/// Base of the MedChain contracts: before every transaction, the endorser refuses a proposal whose
/// timestamp lies more than <see cref="MedChainOptions.MaxClockSkew"/> from its own clock. The
/// timestamp is chosen by the submitter; unbounded, a backdated proposal dispensed an expired
/// prescription and passed an access check under an expired consent, and planted entries anywhere
/// in the time-ordered access log. This is the only read of a local clock: a refusal just fails
/// endorsement, nothing on the ledger depends on it. Then, still before the arguments are bound, the
/// caller must be one the transaction's <see cref="CallersAttribute"/> admits.
/// </summary>
public abstract class MedChainContract : Contract
{
    private readonly MedChainOptions _options;
    private readonly Dictionary<string, CallersAttribute> _callers;

    /// <summary>A contract with the given options (null: defaults, the system clock).</summary>
    protected MedChainContract(MedChainOptions? options)
    {
        _options = options ?? new MedChainOptions();
        _callers = GetType().GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Select(m => (m, Callers: m.GetCustomAttribute<CallersAttribute>()))
            .Where(x => x.Callers is not null)
            .ToDictionary(x => TransactionName(x.m), x => x.Callers!, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override async Task BeforeTransactionAsync(Context ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);

        // The peer runs exactly one init invocation per definition version: it may only bootstrap,
        // and bootstrapping may only happen there (nobody can seize an empty ledger later).
        if (ctx.IsInit != IsInitFunction(ctx.FunctionName))
        {
            throw ctx.IsInit
                ? Errors.Forbidden($"'{ctx.FunctionName}' cannot run in the chaincode's init invocation")
                : Errors.Forbidden($"'{ctx.FunctionName}' runs only in the chaincode's init invocation (--isInit)");
        }

        var timestamp = ctx.Stub.TxTimestamp.ToUniversalTime();
        var now = _options.TimeProvider.GetUtcNow();
        var skew = (timestamp - now).Duration();
        if (skew > _options.MaxClockSkew)
        {
            throw Errors.Invalid(
                "transaction timestamp",
                $"{timestamp:O} is {(timestamp < now ? "behind" : "ahead of")} this endorser's clock by more than {_options.MaxClockSkew:c}");
        }

        if (_callers.TryGetValue(ctx.FunctionName, out var callers))
        {
            var caller = await CallerResolver.ResolveAsync(Tx.Of(ctx)).ConfigureAwait(false);
            if (callers.Roles.Count > 0)
            {
                CallerResolver.RequireRole(caller, $"{Name}:{ctx.FunctionName}", [.. callers.Roles]);
            }

            if (callers.In.Length > 0 && !callers.In.Contains(caller.OrgKind))
            {
                throw Errors.Forbidden($"{Name}:{ctx.FunctionName} is reserved to {string.Join(" and ", callers.In.Select(k => EnumCodes<OrgKind>.ToCode(k) + "s"))}, '{caller.MspId}' is a {EnumCodes<OrgKind>.ToCode(caller.OrgKind)}");
            }
        }
    }

    private static string TransactionName(MethodInfo method) =>
        method.GetCustomAttribute<TransactionAttribute>()?.Name is { Length: > 0 } name ? name : method.Name;

    /// <summary>True for the functions that run only in the init invocation.</summary>
    protected virtual bool IsInitFunction(string functionName) => false;
}
