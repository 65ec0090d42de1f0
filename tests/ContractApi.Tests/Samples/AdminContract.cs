using System.Text;

namespace MedChain.ContractApi.Tests.Samples;

/// <summary>A second contract whose name contains ':' (routing splits on the last ':').</summary>
[Contract(Name = "admin:v2")]
public sealed class AdminContract : Contract
{
    [Transaction(Evaluate = true)]
    public string Ping(Context ctx) => "pong from " + Name;

    [Transaction]
    public static async Task Put(Context ctx, string key, string value) =>
        await ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value), ctx.CancellationToken);

    public override Task UnknownTransactionAsync(Context ctx) =>
        throw new ContractException($"admin:v2 has no '{ctx.FunctionName}'; try Ping", 404);
}
