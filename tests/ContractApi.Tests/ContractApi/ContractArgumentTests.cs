using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ContractApi;

/// <summary>Request types that bind themselves (<see cref="IContractArgument{TSelf}"/>), and <see cref="Context.IsInit"/>.</summary>
public sealed class ContractArgumentTests
{
    private readonly ContractChaincode _chaincode = new([new GreetContract()], new ContractChaincodeOptions { Json = TestJson.Options }.AddArgument<Greeting>());
    private readonly ChaincodeTester _tester = new(new InMemoryLedger(), "medchain");

    private Task<TransactionResult> Invoke(bool init, params string[] args) =>
        _tester.InvokeAsync(_chaincode, args, Support.Doctor, Support.Time, new TransactionOptions { IsInit = init }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task TypedRequest_BoundByItsOwnBind_ReachesTheTransaction()
    {
        var result = await Invoke(false, "greet:Hello", """{"name":"Ann"}""");

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("hello Ann", result.Response.Text());
    }

    [Fact]
    public async Task TypedRequest_RefusedByItsRules_400WithTheFieldNamed()
    {
        var result = await Invoke(false, "greet:Hello", """{"name":" Ann"}""");

        Assert.Equal(400, result.Response.Status);
        Assert.Equal("invalid greeting.name: must be trimmed", result.Response.Message);
    }

    [Fact]
    public void Metadata_TypedRequest_DescribedByItsProperties()
    {
        var metadata = JsonNode.Parse(_chaincode.GetMetadataJson())!;

        var parameter = metadata["contracts"]!["greet"]!["transactions"]!.AsArray().Single(t => (string?)t!["name"] == "Hello")!["parameters"]![0]!;
        Assert.Equal("#/components/schemas/Greeting", (string?)parameter["schema"]!["$ref"]);
        var schema = metadata["components"]!["schemas"]!["Greeting"]!;
        Assert.Equal(["name"], schema["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("string", (string?)schema["properties"]!["name"]!["type"]);
    }

    [Theory]
    [InlineData(true, "init")]
    [InlineData(false, "invoke")]
    public async Task Context_IsInit_TrueOnlyInTheInitInvocation(bool init, string expected)
    {
        var result = await Invoke(init, "greet:Mode");

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal(expected, result.Response.Text());
    }

    /// <summary>A request with a rule a serializer would not check.</summary>
    public sealed record Greeting : IContractArgument<Greeting>
    {
        [JsonRequired]
        public required string Name { get; init; }

        public static Greeting Bind(string json, string parameterName)
        {
            var name = (string?)JsonNode.Parse(json)?["name"] ?? throw new ContractException($"invalid {parameterName}.name: is missing", 400);
            return name.Trim() == name ? new Greeting { Name = name } : throw new ContractException($"invalid {parameterName}.name: must be trimmed", 400);
        }
    }

    [Contract(Name = "greet")]
    public sealed class GreetContract : Contract
    {
        [Transaction]
        public static string Hello(Context ctx, Greeting greeting) => $"hello {greeting.Name}";

        [Transaction]
        public static string Mode(Context ctx)
        {
            ArgumentNullException.ThrowIfNull(ctx);
            return ctx.IsInit ? "init" : "invoke";
        }
    }
}
