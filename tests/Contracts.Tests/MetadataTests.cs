using System.Text.Json.Nodes;
using MedChain.ContractRoles;
using MedChain.Contracts.Tests.Infrastructure;

namespace MedChain.Contracts.Tests;

public sealed class MetadataTests
{
    private static JsonObject Contracts(JsonNode metadata) => (JsonObject)metadata["contracts"]!;

    [Fact]
    public async Task GetMetadata_ListsEveryTransactionOfTheRoleTable()
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var listed = Contracts(metadata)
            .Where(c => c.Key != "org.hyperledger.fabric")
            .SelectMany(c => c.Value!["transactions"].Items().Select(t => $"{c.Key}:{(string)t["name"]!}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(RoleTable.Operations.Select(o => o.Function).Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [InlineData("Consent", "Grant", "submit", "")]
    [InlineData("Consent", "CheckAccess", "submit", "recordId")]
    [InlineData("Consent", "ListByGrantee", "evaluate", "granteeMspId,pageSize,bookmark")]
    [InlineData("Prescription", "Dispense", "submit", "prescriptionId")]
    [InlineData("Prescription", "History", "evaluate", "prescriptionId")]
    [InlineData("RecordAnchor", "Verify", "evaluate", "recordId,sha256,version")]
    [InlineData("RecordAnchor", "ListSignOffs", "evaluate", "recordId,version,pageSize,bookmark")]
    [InlineData("Admin", "ConfigureOrganizations", "submit", "request")]
    [InlineData("Admin", "InitRegistry", "submit", "request")]
    public async Task GetMetadata_Transaction_HasTagAndParameters(string contract, string transaction, string tag, string parameters)
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var tx = Contracts(metadata)[contract]!["transactions"]!.Items().Single(t => (string?)t["name"] == transaction);
        Assert.Equal(tag, (string?)tx["tag"]![0]);
        Assert.Equal(parameters, string.Join(',', tx["parameters"].Items().Select(p => (string)p["name"]!)));
    }

    [Theory]
    [InlineData("Consent", "Grant", "request:request")]
    [InlineData("Consent", "CheckAccess", "purpose:purpose")]
    [InlineData("Prescription", "Issue", "request:request")]
    [InlineData("Prescription", "Dispense", "")]
    public async Task GetMetadata_ContentInputs_ListedAsTransientWithTheirKeys(string contract, string transaction, string transient)
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var tx = Contracts(metadata)[contract]!["transactions"]!.Items().Single(t => (string?)t["name"] == transaction);
        Assert.Equal(transient, string.Join(',', (tx["transient"] ?? new JsonArray()).Items().Select(p => $"{p["name"]}:{p["key"]}")));
    }

    [Theory]
    [InlineData("InitRegistry")]
    [InlineData("ConfigureOrganizations")]
    public async Task GetMetadata_AdminRequest_IsTheTypedRegistryRequestSchema(string transaction)
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var tx = Contracts(metadata)["Admin"]!["transactions"]!.Items().Single(t => (string?)t["name"] == transaction);
        Assert.Equal("#/components/schemas/OrganizationsRequest", (string?)tx["parameters"]![0]!["schema"]!["$ref"]);
        var schemas = metadata["components"]!["schemas"]!;
        var request = schemas["OrganizationsRequest"]!;
        Assert.False((bool)request["additionalProperties"]!);
        Assert.Equal(["organizations"], request["required"]!.Items().Select(r => (string)r!));
        Assert.Equal("array", (string?)request["properties"]!["organizations"]!["type"]);
        Assert.Equal("#/components/schemas/Organization", (string?)request["properties"]!["organizations"]!["items"]!["$ref"]);
        Assert.Equal("integer", (string?)request["properties"]!["emergencyAccessesPerDoctorPerDay"]!["type"]);
        var organization = schemas["Organization"]!;
        Assert.Equal(["mspId", "kind"], organization["required"]!.Items().Select(r => (string)r!));
        Assert.Equal(["hospital", "pharmacy", "regulator"], organization["properties"]!["kind"]!["enum"]!.Items().Select(e => (string)e!));
    }
}
