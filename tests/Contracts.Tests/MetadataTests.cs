using MedChain.ContractRoles;
using MedChain.Contracts.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace MedChain.Contracts.Tests;

public sealed class MetadataTests
{
    private static JObject Contracts(JToken metadata) => (JObject)metadata["contracts"]!;

    [Fact]
    public async Task GetMetadata_ListsEveryTransactionOfTheRoleTable()
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var listed = Contracts(metadata).Properties()
            .Where(c => c.Name != "org.hyperledger.fabric")
            .SelectMany(c => c.Value["transactions"]!.Select(t => $"{c.Name}:{(string)t["name"]!}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(RoleTable.Operations.Select(o => o.Function).Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [InlineData("Consent", "Grant", "submit", "request")]
    [InlineData("Consent", "CheckAccess", "submit", "recordId,purpose")]
    [InlineData("Consent", "ListByGrantee", "evaluate", "granteeMspId,pageSize,bookmark")]
    [InlineData("Prescription", "Dispense", "submit", "prescriptionId")]
    [InlineData("Prescription", "History", "evaluate", "prescriptionId")]
    [InlineData("RecordAnchor", "Verify", "evaluate", "recordId,sha256,version")]
    [InlineData("RecordAnchor", "ListSignOffs", "evaluate", "recordId,version,pageSize,bookmark")]
    [InlineData("Admin", "ConfigureOrganizations", "submit", "request")]
    public async Task GetMetadata_Transaction_HasTagAndParameters(string contract, string transaction, string tag, string parameters)
    {
        var net = await TestNetwork.CreateAsync();

        var metadata = await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");

        var tx = Contracts(metadata)[contract]!["transactions"]!.Single(t => (string?)t["name"] == transaction);
        Assert.Equal(tag, (string?)tx["tag"]![0]);
        Assert.Equal(parameters, string.Join(',', tx["parameters"]!.Select(p => (string)p["name"]!)));
    }
}
