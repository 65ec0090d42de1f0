using System.Text;
using MedChain.ContractApi;

namespace MedChain.Samples.KeyValueContract;

/// <summary>
/// The KeyValue sample's <c>Put</c>/<c>Get</c> written on the contract API, so that a benchmark can
/// put the API's own cost (routing, argument binding, serialization) next to the plain chaincode.
/// </summary>
[Contract(Name = "kv", IsDefault = true)]
public sealed class KeyValueContract : Contract
{
    /// <summary>Writes <paramref name="value"/> (UTF-8) under <paramref name="key"/>.</summary>
    [Transaction]
    public static Task Put(Context ctx, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value), ctx.CancellationToken);
    }

    /// <summary>Reads the value under <paramref name="key"/>; a missing key is an error, as in the plain sample.</summary>
    [Transaction(Evaluate = true)]
    public static async Task<string> Get(Context ctx, string key)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var value = await ctx.Stub.GetStateAsync(key, ctx.CancellationToken).ConfigureAwait(false);
        return value is null ? throw new ContractException($"key not found: {key}") : Encoding.UTF8.GetString(value);
    }
}
