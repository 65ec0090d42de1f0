using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.Contracts;
using MedChain.OffchainStore;
using MedChain.Shim.Testing;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// Two hospitals' services on one ledger and one storage account: a record of hospital A reaches a doctor of
/// hospital B only under the patient's consent, through a key grant recorded on chain, and every content read
/// is one committed access check naming the reader.
/// </summary>
public sealed class RecordFlowsTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _patientId = "pat-f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
    private const string _doctorA = "dr-house";
    private const string _doctorB = "dr-bea";
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task OtherHospital_ReadsOnlyUnderConsent_AndLosesItsKeyWhenTheConsentIsRevoked()
    {
        await fixture.EnrollPatientAsync(_patientId);
        using var doctorA = fixture.CreateClient(subject: _doctorA);
        using var doctorB = fixture.CreateClient(fixture.HospitalBFactory, subject: _doctorB);
        using var patient = fixture.CreateClient(subject: _patientId, role: "patient");
        var content = RandomNumberGenerator.GetBytes(20_000);

        // Hospital A's doctor stores and reads.
        await StoreAsync(doctorA, "rec-flow", _patientId, content);
        Assert.Equal(content, await ReadAsync(doctorA, "rec-flow", HttpStatusCode.OK));

        // Hospital B's doctor: refused without consent.
        await ReadAsync(doctorB, "rec-flow", HttpStatusCode.Forbidden);

        // The patient, as themself, consents; hospital A grants B the key (recorded on chain first).
        using var consented = await patient.PostAsJsonAsync(Uri($"/api/patients/{_patientId}/consents"), new
        {
            granteeMspId = GatewayServiceFixture.HospitalB,
            recordIds = new[] { "rec-flow" },
            purpose = "treatment",
            end = DateTimeOffset.UtcNow.AddDays(30),
        }, _ct);
        Assert.True(consented.StatusCode == HttpStatusCode.Created, await consented.Content.ReadAsStringAsync(_ct));
        var consentId = (await JsonAsync(consented)).GetProperty("consent").GetProperty("consentId").GetString()!;
        using (var granted = await doctorA.PostAsJsonAsync(Uri("/api/records/rec-flow/grants"), new { mspId = GatewayServiceFixture.HospitalB }, _ct))
        {
            Assert.True(granted.StatusCode == HttpStatusCode.OK, await granted.Content.ReadAsStringAsync(_ct));
            Assert.Equal(consentId, (await JsonAsync(granted)).GetProperty("consentId").GetString());
        }

        Assert.Equal(content, await ReadAsync(doctorB, "rec-flow", HttpStatusCode.OK));

        // The patient revokes: the grant's revocation commits, then B's wrapped key is deleted; A's stays.
        using var revoked = await patient.DeleteAsync(Uri($"/api/patients/{_patientId}/consents/{consentId}"), _ct);
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync(_ct));
        Assert.Equal(1, (await JsonAsync(revoked)).GetProperty("keyGrantsRemoved").GetInt32());
        Assert.False(await Store().HasKeyAsync("rec-flow", fixture.HospitalBKey.KeyId, _ct));
        Assert.True(await Store().HasKeyAsync("rec-flow", fixture.HospitalKey.KeyId, _ct));
        await ReadAsync(doctorB, "rec-flow", HttpStatusCode.Forbidden);

        // Each read attempt left exactly one entry naming the person: A once (allowed); B denied, allowed, denied.
        using var log = await patient.GetAsync(Uri($"/api/patients/{_patientId}/access-log"), _ct);
        Assert.True(log.StatusCode == HttpStatusCode.OK, await log.Content.ReadAsStringAsync(_ct));
        var entries = (await JsonAsync(log)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("recordId").GetString() == "rec-flow")
            .Select(e => (Person: e.GetProperty("requester").GetProperty("personId").GetString(), Msp: e.GetProperty("requester").GetProperty("mspId").GetString(), Decision: e.GetProperty("decision").GetString()))
            .ToList();
        Assert.Equal(
            [(_doctorA, GatewayServiceFixture.Hospital, "allowed"), (_doctorB, GatewayServiceFixture.HospitalB, "denied"), (_doctorB, GatewayServiceFixture.HospitalB, "allowed"), (_doctorB, GatewayServiceFixture.HospitalB, "denied")],
            entries);
    }

    [Fact]
    public async Task Delete_ByAnotherOrganization_Returns403WithEveryKeyIntact()
    {
        const string patientId = "pat-f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2";
        await fixture.EnrollPatientAsync(patientId);
        using var doctorA = fixture.CreateClient(subject: _doctorA);
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        var content = RandomNumberGenerator.GetBytes(1000);
        await StoreAsync(doctorA, "rec-flow-delete", patientId, content);
        using (var consented = await patient.PostAsJsonAsync(Uri($"/api/patients/{patientId}/consents"), new { granteeMspId = GatewayServiceFixture.HospitalB, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(1) }, _ct))
        {
            Assert.Equal(HttpStatusCode.Created, consented.StatusCode);
        }

        using (var granted = await doctorA.PostAsJsonAsync(Uri("/api/records/rec-flow-delete/grants"), new { mspId = GatewayServiceFixture.HospitalB }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        // Even with the regulator's order pending, only the custodian's service erases.
        var order = await fixture.Peer.Tester.InvokeAsync(
            MedChainChaincode.Create(TestClientIdentity.FromStub), ["RecordAnchor:OrderErasure", "rec-flow-delete"], fixture.RegulatorService, DateTimeOffset.UtcNow, cancellationToken: _ct);
        Assert.True(order.IsValid, order.Response.Message);
        using var serviceB = fixture.CreateClient(fixture.HospitalBFactory, subject: "records-system-b", role: "service");

        using var erased = await serviceB.DeleteAsync(Uri("/api/records/rec-flow-delete"), _ct);

        Assert.Equal(HttpStatusCode.Forbidden, erased.StatusCode);
        Assert.Equal("application/problem+json", erased.Content.Headers.ContentType?.MediaType);
        Assert.True(await Store().HasKeyAsync("rec-flow-delete", fixture.HospitalKey.KeyId, _ct));
        Assert.True(await Store().HasKeyAsync("rec-flow-delete", fixture.HospitalBKey.KeyId, _ct));
        Assert.Equal(content, await ReadAsync(doctorA, "rec-flow-delete", HttpStatusCode.OK));
    }

    [Fact]
    public async Task GetContent_ForAPurposeTheConsentDoesNotCover_Returns403AndIsLoggedOnce()
    {
        const string patientId = "pat-f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3";
        await fixture.EnrollPatientAsync(patientId);
        using var doctorA = fixture.CreateClient(subject: _doctorA);
        using var doctorB = fixture.CreateClient(fixture.HospitalBFactory, subject: _doctorB);
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        await StoreAsync(doctorA, "rec-flow-purpose", patientId, RandomNumberGenerator.GetBytes(100));
        using (var consented = await patient.PostAsJsonAsync(Uri($"/api/patients/{patientId}/consents"), new { granteeMspId = GatewayServiceFixture.HospitalB, recordIds = new[] { "rec-flow-purpose" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(1) }, _ct))
        {
            Assert.Equal(HttpStatusCode.Created, consented.StatusCode);
        }

        using (var granted = await doctorA.PostAsJsonAsync(Uri("/api/records/rec-flow-purpose/grants"), new { mspId = GatewayServiceFixture.HospitalB }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using var response = await doctorB.GetAsync(Uri("/api/records/rec-flow-purpose/content?purpose=research"), _ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var log = await patient.GetAsync(Uri($"/api/patients/{patientId}/access-log"), _ct);
        var entry = Assert.Single((await JsonAsync(log)).GetProperty("items").EnumerateArray());
        // The purpose is content (issue #11): the entry on the shared ledger no longer names it.
        Assert.False(entry.TryGetProperty("purpose", out _));
        Assert.Equal("denied", entry.GetProperty("decision").GetString());
    }

    private static async Task StoreAsync(HttpClient client, string recordId, string patientId, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PutAsync(Uri($"/api/records/{recordId}?patientId={patientId}&recordType=lab-result"), body, _ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    private static async Task<byte[]> ReadAsync(HttpClient client, string recordId, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(Uri($"/api/records/{recordId}/content?purpose=treatment"), _ct);
        var body = await response.Content.ReadAsByteArrayAsync(_ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement;

    private static Uri Uri(string path) => new(path, UriKind.Relative);

    private OffchainRecordStore Store() =>
        new(new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey)));
}
