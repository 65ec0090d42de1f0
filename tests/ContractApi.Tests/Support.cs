using System.Text;
using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests;

/// <summary>Shared test data: identities, a fixed clock, and a chaincode of the sample contracts.</summary>
internal static class Support
{
    public static readonly DateTimeOffset Time = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<TestIdentity> _lazyDoctor = new(() => TestIdentity.Create("Org1MSP", "dr.house", new Dictionary<string, string> { ["role"] = "doctor", ["hf.EnrollmentID"] = "dr.house" }));
    private static readonly Lazy<TestIdentity> _lazyPharmacist = new(() => TestIdentity.Create("Org2MSP", "pharmacist"));

    public static TestIdentity Doctor => _lazyDoctor.Value;

    public static TestIdentity Pharmacist => _lazyPharmacist.Value;

    public static ContractChaincode Chaincode(out RecordsContract records) =>
        new([records = new RecordsContract(), new AdminContract()]);

    public static string Text(this ChaincodeResponse response) => Encoding.UTF8.GetString(response.Payload);

    public static string Text(this byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<List<T>> ToListAsync<T>(this IQueryResultsIterator<T> iterator)
    {
        var items = new List<T>();
        await using (iterator)
        {
            await foreach (var item in iterator)
            {
                items.Add(item);
            }
        }

        return items;
    }
}

/// <summary>A chaincode written as a function, to drive the stub directly.</summary>
internal sealed class LambdaChaincode(Func<IChaincodeStub, Task<ChaincodeResponse>> invoke) : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => invoke(stub);

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) => invoke(stub);
}
