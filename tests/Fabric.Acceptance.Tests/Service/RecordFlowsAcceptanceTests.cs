using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.Fabric.Acceptance.Tests.Contracts;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.GatewayTestSupport;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Keys;
using MedChain.TestSupport;

namespace MedChain.Fabric.Acceptance.Tests.Service;

/// <summary>
/// Issue #12's story on the real network, through two organizations' FabricGateway services: the hospital (Org1)
/// stores and reads; the pharmacy (Org2, the network's other organization with a peer) is refused until the
/// patient consents as themself, reads under a key grant recorded on chain, cannot erase the hospital's record,
/// and loses its wrapped key when the consent is revoked. Each content read is one committed access check.
/// </summary>
public abstract class RecordFlowsAcceptanceTests(FabricNetworkFixture network)
{
    private const string _doctor = "dr-flows";
    private const string _pharmacist = "ph-flows";

    [Fact]
    public async Task TwoOrganizations_ReadOnlyUnderConsent_KeyRemovedAfterRevocation_EveryReadLoggedOnce()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var patientId = MedChainRequests.NewPatientId();
        var recordId = MedChainRequests.NewRecordId();
        await EnrollAsync(patientId, token);
        await using var azurite = await AzuriteProcess.StartAsync(token);
        using var tokens = new TestTokens();
        var pharmacyKey = OrgKeyPair.Generate();
        await using var hospital = OrganizationService.Start(network, 1, azurite, tokens, OrgKeyPair.Generate(), new Dictionary<string, OrgPublicKey> { ["Org2MSP"] = pharmacyKey.PublicKey });
        await using var pharmacy = OrganizationService.Start(network, 2, azurite, tokens, pharmacyKey, new Dictionary<string, OrgPublicKey>());
        using var anonymous = hospital.Client(null);
        using var doctor = hospital.Client(_doctor);
        using var patient = hospital.Client(patientId, "patient");
        using var pharmacist = pharmacy.Client(_pharmacist, "pharmacist");
        using var pharmacyService = pharmacy.Client("pharmacy-system", "service");
        var store = new OffchainRecordStore(new BlobServiceClient(azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey)));
        var content = RandomNumberGenerator.GetBytes(50_000);

        using (var refused = await anonymous.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (var stored = await doctor.PutAsync(Relative($"/api/records/{recordId}?patientId={patientId}&recordType=lab-result"), body, token))
        {
            Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync(token));
        }

        Assert.Equal(content, await ReadAsync(doctor, recordId, HttpStatusCode.OK, token));
        await ReadAsync(pharmacist, recordId, HttpStatusCode.Forbidden, token);

        using var consented = await patient.PostAsJsonAsync(Relative($"/api/patients/{patientId}/consents"), new
        {
            granteeMspId = "Org2MSP",
            recordIds = new[] { recordId },
            purpose = "treatment",
            end = DateTimeOffset.UtcNow.AddDays(30),
        }, token);
        Assert.True(consented.StatusCode == HttpStatusCode.Created, await consented.Content.ReadAsStringAsync(token));
        var consentId = (await JsonAsync(consented, token)).GetProperty("consent").GetProperty("consentId").GetString()!;
        using (var granted = await doctor.PostAsJsonAsync(Relative($"/api/records/{recordId}/grants"), new { mspId = "Org2MSP" }, token))
        {
            Assert.True(granted.StatusCode == HttpStatusCode.OK, await granted.Content.ReadAsStringAsync(token));
        }

        Assert.Equal(content, await ReadAsync(pharmacist, recordId, HttpStatusCode.OK, token));

        // Another organization cannot erase: refused on chain, every key intact.
        using (var erased = await pharmacyService.DeleteAsync(Relative($"/api/records/{recordId}"), token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, erased.StatusCode);
        }

        Assert.True(await store.HasKeyAsync(recordId, hospital.Key.KeyId, token));
        Assert.True(await store.HasKeyAsync(recordId, pharmacyKey.KeyId, token));

        // Revoked: the grant's revocation commits, then the pharmacy's wrapped key is deleted.
        using (var revoked = await patient.DeleteAsync(Relative($"/api/patients/{patientId}/consents/{consentId}"), token))
        {
            Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync(token));
            Assert.Equal(1, (await JsonAsync(revoked, token)).GetProperty("keyGrantsRemoved").GetInt32());
        }

        Assert.False(await store.HasKeyAsync(recordId, pharmacyKey.KeyId, token));
        Assert.True(await store.HasKeyAsync(recordId, hospital.Key.KeyId, token));
        await ReadAsync(pharmacist, recordId, HttpStatusCode.Forbidden, token);

        using var log = await patient.GetAsync(Relative($"/api/patients/{patientId}/access-log"), token);
        Assert.True(log.StatusCode == HttpStatusCode.OK, await log.Content.ReadAsStringAsync(token));
        var entries = (await JsonAsync(log, token)).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("requester").GetProperty("personId").GetString(), e.GetProperty("decision").GetString()))
            .ToList();
        Assert.Equal([(_doctor, "allowed"), (_pharmacist, "denied"), (_pharmacist, "allowed"), (_pharmacist, "denied")], entries);
    }

    // The patient is enrolled at the hospital by its service, as a hospital does at admission.
    private async Task EnrollAsync(string patientId, CancellationToken token)
    {
        var service = network.IssueIdentity(1, "admissions", new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = "service" });
        using var connection = await network.ConnectAsync(1, service, token);
        await connection.Network.GetContract("medchain", "Patient").SubmitTransactionAsync("Enroll", [patientId], token);
    }

    private static async Task<byte[]> ReadAsync(HttpClient client, string recordId, HttpStatusCode expected, CancellationToken token)
    {
        using var response = await client.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token);
        var body = await response.Content.ReadAsByteArrayAsync(token);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken token) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(token)).RootElement.Clone();

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}

[Collection(TlsNetworkGroup.Name)]
public sealed class RecordFlowsAcceptanceTlsTests(TlsNetworkFixture network) : RecordFlowsAcceptanceTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class RecordFlowsAcceptancePlainTests(PlainNetworkFixture network) : RecordFlowsAcceptanceTests(network);
