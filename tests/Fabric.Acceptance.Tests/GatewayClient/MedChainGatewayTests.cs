using System.Globalization;
using System.Text;
using System.Text.Json;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.GatewayClient;

/// <summary>
/// The MedChain chaincode through the .NET Gateway client, as callers with MedChain roles: the
/// identities carry Fabric CA attributes minted from each organization's CA key (cryptogen's own
/// certificates have none). Org3MSP, the regulator, has no peer and goes through Org1's gateway.
/// </summary>
public abstract class MedChainGatewayTests(FabricNetworkFixture network)
{
    internal const string PatientId = "pat-0123456789abcdef0123456789abcdef";

    internal const string RegistryRequest =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"regulator"}]}""";

    [Fact]
    public async Task ConfigureOrganizations_TheRegulatorsServiceAlone_IsOnlyAnApproval()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        using var regulator = await network.ConnectAsync(1, Service(), token);
        var admin = regulator.Network.GetContract("medchain", "Admin");
        var takeover = """{"organizations":[{"mspId":"Org1MSP","kind":"regulator"},{"mspId":"Org3MSP","kind":"regulator"}]}""";

        var result = await admin.SubmitTransactionAsync("ConfigureOrganizations", [takeover], token);
        var registry = await admin.EvaluateTransactionAsync("GetOrganizations", [], token);

        // The deploy script's init invocation bootstrapped the registry; one member cannot change it.
        using var change = JsonDocument.Parse(result);
        Assert.False(change.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal(2, change.RootElement.GetProperty("required").GetInt32());
        using var current = JsonDocument.Parse(registry);
        Assert.Equal(3, current.RootElement.GetProperty("organizations").GetArrayLength());
    }

    [Fact]
    public async Task Dispense_TwoPharmacistsAtOnce_OnlyOneCommitsTheOtherIsAnMvccReadConflict()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        await EnsureRegistryAsync(token);
        using var doctor = await network.ConnectAsync(1, Person(1, "doctor", "dr-1"), token);
        var prescriptionId = await IssuePrescriptionAsync(doctor, token);
        using var atPharmacyPeer = await network.ConnectAsync(2, Person(2, "pharmacist", "ph-1"), token);
        using var atHospitalPeer = await network.ConnectAsync(1, Person(2, "pharmacist", "ph-2"), token);

        // Both endorsements read the prescription before either commits: one fill, two claims.
        var first = await atPharmacyPeer.Network.GetContract("medchain", "Prescription")
            .NewProposal("Dispense", ProposalOptions.WithArguments(prescriptionId)).EndorseAsync(token);
        var second = await atHospitalPeer.Network.GetContract("medchain", "Prescription")
            .NewProposal("Dispense", ProposalOptions.WithArguments(prescriptionId)).EndorseAsync(token);
        var statuses = await Task.WhenAll(SubmitAndWaitAsync(first, token), SubmitAndWaitAsync(second, token));

        Assert.Single(statuses, s => s.Code == PeerPb.TxValidationCode.Valid);
        Assert.Single(statuses, s => s.Code == PeerPb.TxValidationCode.MvccReadConflict);
        var stored = await doctor.Network.GetContract("medchain", "Prescription").EvaluateTransactionAsync("Get", [prescriptionId], token);
        using var prescription = JsonDocument.Parse(stored);
        Assert.Equal(1, prescription.RootElement.GetProperty("dispenseCount").GetInt32());
    }

    [Fact]
    public async Task Issue_ByACallerWithoutARole_IsRefusedWithTheContractsMessage()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        // With the registry in place the refusal is about the caller, not the configuration.
        await EnsureRegistryAsync(token);
        // cryptogen's User1 has no medchain.role attribute.
        using var user = await network.ConnectAsync(1, network.User(1), token);

        var error = await Assert.ThrowsAnyAsync<GatewayException>(
            () => user.Network.GetContract("medchain", "Prescription").SubmitTransactionAsync("Issue", Contracts.MedChainRequests.Proposal("Prescription:Issue", [PrescriptionRequest()]), token));

        Assert.Contains("medchain.role", error.Message, StringComparison.Ordinal);
    }

    private async Task EnsureRegistryAsync(CancellationToken token)
    {
        using var regulator = await network.ConnectAsync(1, Service(), token);
        // Bootstrapped by network/deploy-ccaas.sh's init invocation (Admin:InitRegistry): only checked here.
        var registry = await regulator.Network.GetContract("medchain", "Admin").EvaluateTransactionAsync("GetOrganizations", [], token);
        Assert.Contains("Org3MSP", Encoding.UTF8.GetString(registry), StringComparison.Ordinal);
    }

    private static async Task<string> IssuePrescriptionAsync(GatewayConnection doctor, CancellationToken token)
    {
        var result = await doctor.Network.GetContract("medchain", "Prescription").SubmitTransactionAsync("Issue", Contracts.MedChainRequests.Proposal("Prescription:Issue", [PrescriptionRequest()]), token);
        using var issued = JsonDocument.Parse(result);
        var id = issued.RootElement.GetProperty("prescriptionId").GetString();
        Assert.NotNull(id);
        Assert.StartsWith("rx-", id, StringComparison.Ordinal);
        return id;
    }

    /// <summary>Designated to the pharmacy Org2MSP: without a designated pharmacy, dispensing needs the patient's dispensing code.</summary>
    private static string PrescriptionRequest()
    {
        var end = DateTimeOffset.UtcNow.AddDays(30).ToString("o", CultureInfo.InvariantCulture);
        return $$$"""
            {"patientId":"{{{PatientId}}}",
             "medication":{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361","display":"Amlodipine 5 MG Oral Tablet"},
             "dosage":{"text":"1 tablet daily"},
             "quantity":{"value":30,"unit":"tablet"},
             "numberOfRepeatsAllowed":0,
             "validityPeriod":{"end":"{{{end}}}"},
             "designatedPharmacyMspId":"Org2MSP"}
            """;
    }

    private IssuedIdentity Service() =>
        network.IssueIdentity(3, "regulator-service", new Dictionary<string, string> { ["medchain.role"] = "service", ["medchain.id"] = "svc-1" });

    private IssuedIdentity Person(int org, string role, string id) =>
        network.IssueIdentity(org, id, new Dictionary<string, string> { ["medchain.role"] = role, ["medchain.id"] = id });

    private static async Task<CommitStatus> SubmitAndWaitAsync(Transaction transaction, CancellationToken token) =>
        await (await transaction.SubmitAsync(token)).GetStatusAsync(token);
}

[Collection(TlsNetworkGroup.Name)]
public sealed class MedChainGatewayTlsTests(TlsNetworkFixture network) : MedChainGatewayTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class MedChainGatewayPlainTests(PlainNetworkFixture network) : MedChainGatewayTests(network);
