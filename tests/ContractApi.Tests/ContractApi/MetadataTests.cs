using System.Text.Json.Nodes;
using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class MetadataTests
{
    private readonly ContractChaincode _chaincode = Support.Chaincode(out _);

    private JsonObject Metadata() => JsonNode.Parse(_chaincode.GetMetadataJson())!.AsObject();

    private JsonObject Transaction(string contract, string name) =>
        Metadata()["contracts"]![contract]!["transactions"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(v => (string)v!)];

    [Fact]
    public async Task GetMetadata_ViaSystemContract_ReturnsTheMetadataJson()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());

        var response = await tester.EvaluateAsync(_chaincode, ["org.hyperledger.fabric:GetMetadata"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccess);
        Assert.Equal(_chaincode.GetMetadataJson(), response.Text());
    }

    [Fact]
    public async Task SystemContract_UnknownFunction_Error()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());

        var response = await tester.EvaluateAsync(_chaincode, ["org.hyperledger.fabric:Shutdown"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Unknown function 'Shutdown' in contract 'org.hyperledger.fabric'", response.Message);
    }

    [Fact]
    public void GetMetadata_Shape_HasSchemaInfoContractsAndComponents()
    {
        var metadata = Metadata();

        Assert.Equal("https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json", (string?)metadata["$schema"]);
        Assert.Equal("MedChain chaincode", (string?)metadata["info"]!["title"]);
        Assert.Equal(["admin:v2", "org.hyperledger.fabric", "records"], metadata["contracts"]!.AsObject().Select(p => p.Key));
        var records = metadata["contracts"]!["records"]!;
        Assert.Equal("records", (string?)records["name"]);
        Assert.True((bool)records["default"]!);
        Assert.False((bool)metadata["contracts"]!["admin:v2"]!["default"]!);
        Assert.Equal("Patient records", (string?)records["info"]!["title"]);
        Assert.Equal("2.1.0", (string?)records["info"]!["version"]);
    }

    [Fact]
    public void GetMetadata_EveryTransaction_Listed()
    {
        var names = Metadata()["contracts"]!["records"]!["transactions"]!.AsArray().Select(t => (string?)t!["name"]).Order(StringComparer.Ordinal);

        Assert.Equal(["Add", "Count", "CreatePatient", "Echo", "Explode", "Nothing", "ReadPatient", "SetAge", "Store", "WhoAmI"], names);
        Assert.Equal(["Ping", "Put"], Metadata()["contracts"]!["admin:v2"]!["transactions"]!.AsArray().Select(t => (string?)t!["name"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GetMetadata_EvaluateAndSubmit_Tagged()
    {
        Assert.Equal(["evaluate"], Transaction("records", "ReadPatient")["tag"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["submit"], Transaction("records", "CreatePatient")["tag"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["evaluate"], Transaction("org.hyperledger.fabric", "GetMetadata")["tag"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void GetMetadata_Parameters_HaveNamesAndJsonSchemaTypes()
    {
        var add = Transaction("records", "Add");
        Assert.Equal(["a", "b"], add["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal("""{"format":"int32","type":"integer"}""", add["parameters"]![0]!["schema"]!.ToJsonString());
        Assert.Equal("""{"format":"int64","type":"integer"}""", add["parameters"]![1]!["schema"]!.ToJsonString());
        Assert.Equal("integer", (string?)add["returns"]!["type"]);

        var store = Transaction("records", "Store")["parameters"]!.AsArray();
        Assert.Equal("#/components/schemas/Address", (string?)store[0]!["schema"]!["$ref"]);
        Assert.Equal(["active", "onHold", "entered-in-error"], Strings(store[1]!["schema"]!["enum"]));
        Assert.Equal("date-time", (string?)store[2]!["schema"]!["format"]);
        Assert.Equal("boolean", (string?)store[3]!["schema"]!["type"]);
        Assert.Equal("number", (string?)store[4]!["schema"]!["type"]);
        Assert.Null(Transaction("records", "Store")["returns"]);

        var count = Transaction("records", "Count");
        Assert.Equal("""{"items":{"type":"string"},"type":"array"}""", count["parameters"]![0]!["schema"]!.ToJsonString());
        Assert.Equal("""{"additionalProperties":{"format":"int32","type":"integer"},"type":"object"}""", count["returns"]!.ToJsonString());
    }

    [Fact]
    public void GetMetadata_DtoTypes_DescribedInComponentsWithCamelCaseProperties()
    {
        var schemas = Metadata()["components"]!["schemas"]!.AsObject();

        var patient = schemas["Patient"]!;
        Assert.Equal("object", (string?)patient["type"]);
        Assert.Equal(["address", "age", "allergies", "id", "name", "status"], patient["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("array", (string?)patient["properties"]!["allergies"]!["type"]);
        Assert.Equal("#/components/schemas/Address", (string?)patient["properties"]!["address"]!["$ref"]);
        Assert.NotNull(schemas["Address"]);
        Assert.Equal("#/components/schemas/Patient", (string?)Transaction("records", "CreatePatient")["returns"]!["$ref"]);
    }
}
