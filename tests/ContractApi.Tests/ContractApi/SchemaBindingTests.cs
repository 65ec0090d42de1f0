using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ContractApi;

/// <summary>
/// Arguments bound by the serializer against the schema GetMetadata reports: the rules declared on a
/// request type are in the metadata and are what the transaction accepts.
/// </summary>
public sealed class SchemaBindingTests
{
    private readonly ContractChaincode _chaincode = new(new OrdersContract());
    private readonly InMemoryLedger _ledger = new();
    private readonly ChaincodeTester _tester;

    public SchemaBindingTests() => _tester = new(_ledger, "medchain");

    private Task<TransactionResult> Order(string json) =>
        _tester.InvokeAsync(_chaincode, ["orders:Place", json], Support.Doctor, Support.Time, new TransactionOptions(), TestContext.Current.CancellationToken);

    [Fact]
    public void Metadata_RequestProperties_CarryTheirRules()
    {
        var schema = JsonNode.Parse(_chaincode.GetMetadataJson())!["components"]!["schemas"]!["OrderRequest"]!;

        var properties = schema["properties"]!;
        Assert.Equal(["code", "due"], schema["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("^[a-z]+$", (string?)properties["code"]!["pattern"]);
        Assert.Equal(8, (int)properties["code"]!["maxLength"]!);
        Assert.Equal("a lowercase word", (string?)properties["code"]!["description"]);
        Assert.Equal("date-time", (string?)properties["due"]!["format"]);
        Assert.Equal(3, (int)properties["tags"]!["maxItems"]!);
        Assert.Equal("no-shouting", (string?)properties["tags"]!["items"]!["format"]);
        Assert.Equal(0, (int)properties["amount"]!["exclusiveMinimum"]!);
        Assert.Equal(10, (int)properties["amount"]!["maximum"]!);
    }

    [Fact]
    public async Task Place_ValidRequest_BoundAndNormalisedByValidated()
    {
        var result = await Order("""{"code":"abc","due":"2026-03-02T10:00:00+01:00","tags":["b","a","b"],"amount":2.5}""");

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("abc|2026-03-02T09:00:00.0000000Z|a,b|2.5", result.Response.Text());
    }

    [Theory]
    [InlineData("""{"code":"abc\n","due":"2026-03-02T10:00:00Z"}""", "invalid order.code: 'abc\\u000a' is not a lowercase word")]
    [InlineData("""{"code":"abcdefghi","due":"2026-03-02T10:00:00Z"}""", "invalid order.code: is longer than 8 characters")]
    [InlineData("""{"code":"","due":"2026-03-02T10:00:00Z"}""", "invalid order.code: must not be empty")]
    [InlineData("""{"code":7,"due":"2026-03-02T10:00:00Z"}""", "invalid order.code: must be a string")]
    [InlineData("""{"due":"2026-03-02T10:00:00Z"}""", "invalid order.code: is missing")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00Z"}""", "invalid order.due: '2026-03-02T10:00Z' is not an ISO 8601 time with an offset")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00"}""", "invalid order.due: '2026-03-02T10:00:00' is not an ISO 8601 time with an offset")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z","tags":["a","b","c","d"]}""", "invalid order.tags: has more than 3 items")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z","tags":["LOUD"]}""", "invalid order.tags[0]: must not shout")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z","amount":0}""", "invalid order.amount: must be greater than 0 and at most 10")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z","amount":"1"}""", "invalid order.amount: must be a number")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z","extra":1}""", "invalid order.extra: is not a known field")]
    [InlineData("""{"code":"abc","code":"abd","due":"2026-03-02T10:00:00Z"}""", "invalid order: is not valid JSON (Property with the name 'code' already exists")]
    [InlineData("""{"code":"abc","due":"2026-03-02T10:00:00Z"} {}""", "invalid order: is not valid JSON (")]
    [InlineData("""[]""", "invalid order: must be a JSON object")]
    [InlineData("""{"code":"same","due":"2026-03-02T10:00:00Z","tags":["same"]}""", "invalid order.tags: must not repeat the code")]
    public async Task Place_RequestOutsideItsSchema_400NamingTheFieldAndNotRun(string json, string expected)
    {
        var result = await Order(json);

        Assert.Equal(400, result.Response.Status);
        Assert.StartsWith(expected, result.Response.Message, StringComparison.Ordinal);
        Assert.Null(_ledger.GetState("medchain", "order"));
    }

    /// <summary>A contract-defined format: no upper-case letters.</summary>
    public sealed class NoShoutingAttribute : SchemaFormatAttribute
    {
        public override string Format => "no-shouting";

        public override string? Check(string value) => value.Any(char.IsUpper) ? "must not shout" : null;
    }

    public sealed record OrderRequest : IContractRequest<OrderRequest>
    {
        [JsonRequired]
        [Schema(MinLength = 1, MaxLength = 8, Pattern = "^[a-z]+$", Description = "a lowercase word")]
        public required string Code { get; init; }

        [JsonRequired]
        public required DateTimeOffset Due { get; init; }

        [Schema(MaxItems = 3)]
        [NoShouting]
        public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

        [Schema(ExclusiveMinimum = 0, Maximum = 10)]
        public decimal? Amount { get; init; }

        public OrderRequest Validated(string parameterName) => Tags.Contains(Code, StringComparer.Ordinal)
            ? throw new ContractException($"invalid {parameterName}.tags: must not repeat the code", 400)
            : this with { Tags = [.. Tags.Distinct().Order(StringComparer.Ordinal)] };
    }

    [Contract(Name = "orders")]
    public sealed class OrdersContract : Contract
    {
        public override IJsonTypeInfoResolver JsonTypes => TestJsonContext.Default;

        [Transaction]
        public static async Task<string> Place(Context ctx, OrderRequest order)
        {
            ArgumentNullException.ThrowIfNull(ctx);
            await ctx.Stub.PutStateAsync("order", Support.Utf8(order.Code), ctx.CancellationToken);
            return $"{order.Code}|{order.Due.UtcDateTime:O}|{string.Join(',', order.Tags)}|{order.Amount}";
        }
    }
}
