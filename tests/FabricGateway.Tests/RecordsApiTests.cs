using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.Contracts;
using MedChain.OffchainStore;
using MedChain.Shim.Testing;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

public sealed class RecordsApiTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _patientId = "pat-0123456789abcdef0123456789abcdef";
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Put_NewRecord_StoresCiphertextAnchorsItsHashAndReadsBack()
    {
        using var client = fixture.CreateClient();
        var content = RandomBytes(200_000);

        using var response = await PutAsync(client, "rec-roundtrip", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        var anchor = body.GetProperty("anchor");
        Assert.Equal("rec-roundtrip", anchor.GetProperty("recordId").GetString());
        Assert.Equal(_patientId, anchor.GetProperty("patientId").GetString());
        Assert.Equal(GatewayServiceFixture.Hospital, anchor.GetProperty("custodianMspId").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), body.GetProperty("plaintextSha256").GetString());

        // What is anchored is the SHA-256 of the ciphertext as stored, never of the plaintext.
        var ciphertext = await DownloadBlobAsync("medchain-records", "rec-roundtrip");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ciphertext)), anchor.GetProperty("sha256").GetString());
        Assert.Equal(ciphertext.Length, anchor.GetProperty("size").GetInt64());
        Assert.False(ciphertext.AsSpan().IndexOf(content.AsSpan(0, 64)) >= 0, "plaintext must not appear in storage");

        var read = await client.GetByteArrayAsync(new Uri("/api/records/rec-roundtrip/content?purpose=treatment", UriKind.Relative), _ct);
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task Put_ExistingRecordId_Returns409AndKeepsTheFirstContent()
    {
        using var client = fixture.CreateClient();
        var first = RandomBytes(1000);
        using (var created = await PutAsync(client, "rec-twice", first))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var again = await PutAsync(client, "rec-twice", RandomBytes(1000));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(first, await client.GetByteArrayAsync(new Uri("/api/records/rec-twice/content?purpose=treatment", UriKind.Relative), _ct));
    }

    [Theory]
    [InlineData("rec-bad-patient", "john.doe", "lab-result", "patientId")]
    [InlineData("rec-bad-type", _patientId, "Lab Result", "recordType")]
    [InlineData("rec bad id", _patientId, "lab-result", "recordId")]
    [InlineData("rec-newline\n", _patientId, "lab-result", "recordId")]
    [InlineData("rec-patient-newline", _patientId + "\n", "lab-result", "patientId")]
    public async Task Put_InvalidInput_Returns400NamingTheFieldAndStoresNothing(string recordId, string patientId, string recordType, string field)
    {
        using var client = fixture.CreateClient();

        using var response = await client.PutAsync(
            new Uri($"/api/records/{Uri.EscapeDataString(recordId)}?patientId={Uri.EscapeDataString(patientId)}&recordType={Uri.EscapeDataString(recordType)}", UriKind.Relative),
            Octets(RandomBytes(10)),
            _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        var blob = Blobs().GetBlobContainerClient("medchain-records").GetBlobClient(recordId);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetPropertiesAsync(cancellationToken: _ct));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Put_OverTheSizeLimit_Returns413()
    {
        using var factory = fixture.WithSettings(new Dictionary<string, string?> { ["Encryption:MaxRecordBytes"] = "1000" });
        using var client = fixture.CreateClient(factory);

        using var response = await PutAsync(client, "rec-too-big", RandomBytes(5000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Put_OnKestrel_RecordLargerThanKestrelsDefaultBodyLimit_IsStored()
    {
        // Kestrel (not the in-memory test server) enforces a 30 MB default body limit; records are bigger.
        using var factory = fixture.WithSettings(new Dictionary<string, string?>());
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = fixture.CreateClient(factory);
        var content = RandomBytes(31_000_000);

        using var response = await PutAsync(client, "rec-large-on-kestrel", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), body.GetProperty("plaintextSha256").GetString());
    }

    [Fact]
    public async Task GetContent_TamperedCiphertext_FailsWithProblemDetails()
    {
        using var client = fixture.CreateClient();
        using (var created = await PutAsync(client, "rec-tampered", RandomBytes(5000)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Replace the stored ciphertext with one flipped byte: the anchored hash no longer matches.
        var blob = Blobs().GetBlobContainerClient("medchain-records").GetBlobClient("rec-tampered");
        var ciphertext = await DownloadBlobAsync("medchain-records", "rec-tampered");
        ciphertext[^20] ^= 0x01;
        await blob.UploadAsync(new BinaryData(ciphertext), overwrite: true, _ct);

        using var response = await client.GetAsync(new Uri("/api/records/rec-tampered/content?purpose=treatment", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Grant_UnderThePatientsConsent_LetsThePharmacyKeyDecrypt()
    {
        const string patientId = "pat-0123456789abcdef0123456789abcd01";
        await fixture.EnrollPatientAsync(patientId);
        using var client = fixture.CreateClient();
        var content = RandomBytes(3000);
        using (var created = await client.PutAsync(new Uri($"/api/records/rec-grant?patientId={patientId}&recordType=lab-result", UriKind.Relative), Octets(content), _ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var store = new OffchainRecordStore(Blobs());
        await Assert.ThrowsAsync<RecordKeyNotFoundException>(() => store.OpenReadAsync("rec-grant", fixture.PharmacyKey, null, _ct));
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        using (var consent = await patient.PostAsJsonAsync(new Uri($"/api/patients/{patientId}/consents", UriKind.Relative), new { granteeMspId = GatewayServiceFixture.Pharmacy, recordIds = new[] { "rec-grant" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(1) }, _ct))
        {
            Assert.True(consent.StatusCode == HttpStatusCode.Created, await consent.Content.ReadAsStringAsync(_ct));
        }

        using var granted = await client.PostAsJsonAsync(new Uri("/api/records/rec-grant/grants", UriKind.Relative), new { mspId = GatewayServiceFixture.Pharmacy }, _ct);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await using var stream = await store.OpenReadAsync("rec-grant", fixture.PharmacyKey, null, _ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, _ct);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task Grant_WithoutConsent_Returns403AndWrapsNoKey()
    {
        using var client = fixture.CreateClient();
        using (var created = await PutAsync(client, "rec-grant-unconsented", RandomBytes(100)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var granted = await client.PostAsJsonAsync(new Uri("/api/records/rec-grant-unconsented/grants", UriKind.Relative), new { mspId = GatewayServiceFixture.Pharmacy }, _ct);

        Assert.Equal(HttpStatusCode.Forbidden, granted.StatusCode);
        var store = new OffchainRecordStore(Blobs());
        Assert.False(await store.HasKeyAsync("rec-grant-unconsented", fixture.PharmacyKey.KeyId, _ct));
    }

    [Fact]
    public async Task GetContent_WithoutPurpose_Returns400()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/records/rec-any/content", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("purpose", (await JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Grant_UnknownOrganization_Returns400()
    {
        using var client = fixture.CreateClient();
        using (var created = await PutAsync(client, "rec-grant-unknown", RandomBytes(10)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var response = await client.PostAsJsonAsync(new Uri("/api/records/rec-grant-unknown/grants", UriKind.Relative), new { mspId = "Org9MSP" }, _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Erase_DestroysKeysAndFlagsTheAnchor_ContentIsGone()
    {
        using var client = fixture.CreateClient();
        using (var created = await PutAsync(client, "rec-erase", RandomBytes(4000)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The chaincode erases only on a request of the patient or an order of the regulator, and only as the custodian's service.
        await OrderErasureAsync("rec-erase");
        using var service = fixture.CreateClient(subject: "records-system", role: "service");
        using var erased = await service.DeleteAsync(new Uri("/api/records/rec-erase", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var body = await JsonAsync(erased);
        Assert.True(body.GetProperty("anchor").GetProperty("erased").GetBoolean());
        Assert.Equal(1, body.GetProperty("destroyedKeys").GetInt32());
        using var content = await client.GetAsync(new Uri("/api/records/rec-erase/content?purpose=treatment", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.Gone, content.StatusCode);

        // Not even a direct read with the custodian's own key works any more.
        var store = new OffchainRecordStore(Blobs());
        await Assert.ThrowsAnyAsync<OffchainRecordException>(() => store.OpenReadAsync("rec-erase", fixture.HospitalKey, null, _ct));
    }

    [Fact]
    public async Task Erase_WithoutPatientRequestOrRegulatorOrder_Returns403AndDestroysNothing()
    {
        using var client = fixture.CreateClient();
        var content = RandomBytes(1000);
        using (var created = await PutAsync(client, "rec-erase-unasked", content))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var service = fixture.CreateClient(subject: "records-system", role: "service");
        using var erased = await service.DeleteAsync(new Uri("/api/records/rec-erase-unasked", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.Forbidden, erased.StatusCode);
        Assert.Equal(content, await client.GetByteArrayAsync(new Uri("/api/records/rec-erase-unasked/content?purpose=treatment", UriKind.Relative), _ct));
    }

    private async Task OrderErasureAsync(string recordId)
    {
        var order = await fixture.Peer.Tester.InvokeAsync(
            MedChainChaincode.Create(TestClientIdentity.FromStub), ["RecordAnchor:OrderErasure", recordId], fixture.RegulatorService, DateTimeOffset.UtcNow, cancellationToken: _ct);
        Assert.True(order.IsValid, order.Response.Message);
    }

    [Fact]
    public async Task GetAnchor_UnknownRecord_Returns404FromTheLedger()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/records/rec-never-anchored", UriKind.Relative), _ct);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(_ct));
        var problem = await JsonAsync(response);
        Assert.Contains("rec-never-anchored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string recordId, byte[] content) =>
        client.PutAsync(new Uri($"/api/records/{recordId}?patientId={_patientId}&recordType=lab-result", UriKind.Relative), Octets(content), _ct);

    private static ByteArrayContent Octets(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return body;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement;

    private static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    private BlobServiceClient Blobs() =>
        new(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));

    private async Task<byte[]> DownloadBlobAsync(string container, string name)
    {
        var content = await Blobs().GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(_ct);
        return content.Value.Content.ToArray();
    }
}
