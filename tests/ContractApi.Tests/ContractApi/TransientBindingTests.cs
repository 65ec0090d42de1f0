using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim.Testing;
using static MedChain.ContractApi.Tests.ContractApi.SchemaBindingTests;

namespace MedChain.ContractApi.Tests.ContractApi;

/// <summary>
/// <see cref="TransientAttribute"/>: a parameter bound from the proposal's transient map (kept out of the
/// block) with the same schema and rules as an argument, listed under the transaction's "transient" in the metadata.
/// </summary>
public sealed class TransientBindingTests
{
    private readonly ContractChaincode _chaincode = new(new SecretOrdersContract());
    private readonly InMemoryLedger _ledger = new();
    private readonly ChaincodeTester _tester;

    public TransientBindingTests() => _tester = new(_ledger, "medchain");

    private Task<TransactionResult> Place(string[] args, Dictionary<string, byte[]> transient) =>
        _tester.InvokeAsync(_chaincode, ["secret:Place", .. args], Support.Doctor, Support.Time, new TransactionOptions { TransientMap = transient }, TestContext.Current.CancellationToken);

    private static Dictionary<string, byte[]> Transient(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetBytes(e.Value), StringComparer.Ordinal);

    [Fact]
    public async Task Place_RequestAndNoteInTransient_BoundValidatedAndNotInTheBlock()
    {
        var result = await Place(["shelf-1"], Transient(("order", """{"code":"abc","due":"2026-03-02T10:00:00Z","tags":["b","a"]}"""), ("note", "fragile")));

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("shelf-1|abc|a,b|fragile", result.Response.Text());
        // Not in the arguments or writes; only where the function itself put it (its response).
        Assert.Equal(["response: fragile"], result.OnChain!.Find("\"code\"", "fragile"));
    }

    [Theory]
    [InlineData("""{"code":"ABC","due":"2026-03-02T10:00:00Z"}""", "invalid order.code: 'ABC' is not a lowercase word")]
    [InlineData("""{"code":"same","due":"2026-03-02T10:00:00Z","tags":["same"]}""", "invalid order.tags: must not repeat the code")]
    [InlineData("not json", "invalid order: is not valid JSON")]
    public async Task Place_TransientOutsideItsSchema_400NamingTheField(string json, string expected)
    {
        var result = await Place(["shelf-1"], Transient(("order", json), ("note", "n")));

        Assert.Equal(400, result.Response.Status);
        Assert.StartsWith(expected, result.Response.Message, StringComparison.Ordinal);
        Assert.Null(_ledger.GetState("medchain", "order"));
    }

    [Fact]
    public async Task Place_TransientMissingOrNotUtf8_400()
    {
        var missing = await Place(["shelf-1"], Transient(("note", "n")));
        var notUtf8 = await Place(["shelf-1"], new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["order"] = [0xff, 0xfe], ["note"] = [0x61] });

        Assert.Equal(400, missing.Response.Status);
        Assert.Equal("Transient 'order' is missing.", missing.Response.Message);
        Assert.Equal(400, notUtf8.Response.Status);
        Assert.Equal("Transient 'order' is not UTF-8.", notUtf8.Response.Message);
    }

    [Fact]
    public async Task Place_ContentAsAnArgument_CountedAgainstTheArgumentsOnly()
    {
        var result = await Place(["shelf-1", """{"code":"abc","due":"2026-03-02T10:00:00Z"}"""], Transient(("note", "n")));

        Assert.Equal(400, result.Response.Status);
        Assert.StartsWith("Transaction 'Place' expects 1 argument (shelf) but was given 2.", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_TransientParameters_ListedWithKeyAndSchema()
    {
        var tx = JsonNode.Parse(_chaincode.GetMetadataJson())!["contracts"]!["secret"]!["transactions"]!.AsArray().Single(t => (string?)t!["name"] == "Place")!;

        Assert.Equal(["shelf"], tx["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["order:order", "note:note"], tx["transient"]!.AsArray().Select(p => $"{p!["name"]}:{p["key"]}"));
        Assert.Equal("#/components/schemas/OrderRequest", (string?)tx["transient"]![0]!["schema"]!["$ref"]);
    }

    [Fact]
    public void Construction_SameTransientKeyTwice_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractChaincode(new TwiceContract()));

        Assert.Contains("Transient key 'x' is bound twice", e.Message, StringComparison.Ordinal);
    }

    [Contract(Name = "secret")]
    public sealed class SecretOrdersContract : Contract
    {
        public override IJsonTypeInfoResolver JsonTypes => TestJsonContext.Default;

        [Transaction]
        public static async Task<string> Place(Context ctx, string shelf, [Transient("order")] OrderRequest order, [Transient("note")] string note)
        {
            ArgumentNullException.ThrowIfNull(ctx);
            await ctx.Stub.PutStateAsync("order", Support.Utf8(shelf), ctx.CancellationToken);
            return $"{shelf}|{order.Code}|{string.Join(',', order.Tags)}|{note}";
        }
    }

    [Contract(Name = "twice")]
    public sealed class TwiceContract : Contract
    {
        [Transaction]
        public static string Run(Context ctx, [Transient("x")] string a, [Transient("x")] string b) => a + b;
    }
}
