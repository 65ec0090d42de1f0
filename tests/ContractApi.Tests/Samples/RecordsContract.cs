using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace MedChain.ContractApi.Tests.Samples;

/// <summary>The sample contract of the tests: patient records, the default contract.</summary>
[Contract(Name = "records", IsDefault = true, Title = "Patient records", Version = "2.1.0")]
public sealed class RecordsContract : Contract
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public bool RejectInBefore { get; set; }

    public override IJsonTypeInfoResolver JsonTypes => TestJsonContext.Default;

    [Transaction(Description = "Registers a patient")]
    public static async Task<Patient> CreatePatient(Context ctx, Patient patient)
    {
        var key = ctx.Stub.CreateCompositeKey("patient", [patient.Id]);
        if (await ctx.Stub.GetStateAsync(key, ctx.CancellationToken) is not null)
        {
            throw new ContractException($"Patient {patient.Id} already exists", 409);
        }

        await ctx.Stub.PutStateAsync(key, CanonicalJson.ToBytes(patient, TestJson.Options), ctx.CancellationToken);
        ctx.Stub.SetEvent("PatientCreated", Encoding.UTF8.GetBytes(patient.Id));
        return patient;
    }

    [Transaction(Evaluate = true)]
    public static async Task<Patient> ReadPatient(Context ctx, string id)
    {
        var bytes = await ctx.Stub.GetStateAsync(ctx.Stub.CreateCompositeKey("patient", [id]), ctx.CancellationToken)
            ?? throw new ContractException($"Patient {id} does not exist", 404);
        return CanonicalJson.Deserialize<Patient>(bytes, TestJson.Options)!;
    }

    [Transaction]
    public static async Task SetAge(Context ctx, string id, int age)
    {
        var patient = await ReadPatient(ctx, id);
        await ctx.Stub.PutStateAsync(ctx.Stub.CreateCompositeKey("patient", [id]), CanonicalJson.ToBytes(patient with { Age = age }, TestJson.Options), ctx.CancellationToken);
    }

    [Transaction(Evaluate = true)]
    public static int Add(Context ctx, int a, long b) => (int)(a + b);

    [Transaction(Evaluate = true)]
    public static string Echo(Context ctx, string text) => text;

    [Transaction(Evaluate = true)]
    public static ValueTask<IReadOnlyDictionary<string, int>> Count(Context ctx, string[] words) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, int>>(words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    [Transaction(Evaluate = true)]
    public static string WhoAmI(Context ctx) => $"{ctx.ClientIdentity.MspId}/{ctx.ClientIdentity.GetAttributeValue("role")}";

    [Transaction(Name = "Explode")]
    public static void Fail(Context ctx) => throw new InvalidOperationException("connection string Server=secret-db;Password=hunter2");

    [Transaction]
    public static Task<string?> Nothing(Context ctx) => Task.FromResult<string?>(null);

    [Transaction]
    public static void Store(Context ctx, Address address, PatientStatus status, DateTimeOffset when, bool flag, double score)
    {
        ctx.Stub.SetEvent("Stored", CanonicalJson.ToBytes(new StoredEvent(address, status, when, flag, score), TestJson.Options));
    }

    public sealed record StoredEvent(Address Address, PatientStatus Status, DateTimeOffset When, bool Flag, double Score);

    public string NotATransaction(Context ctx) => "hidden by " + Name;

    public override Task BeforeTransactionAsync(Context ctx)
    {
        Calls.Enqueue($"before:{ctx.FunctionName}");
        return RejectInBefore ? throw new ContractException("rejected by the before hook", 403) : Task.CompletedTask;
    }

    public override Task AfterTransactionAsync(Context ctx, object? result)
    {
        Calls.Enqueue($"after:{ctx.FunctionName}:{(result is null ? "null" : CanonicalJson.Serialize(result, result.GetType(), TestJson.Options))}");
        return Task.CompletedTask;
    }
}
