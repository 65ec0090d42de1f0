using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// <c>GET /api/emergency-accesses/{accessId}/reason</c>: the reason document is released only if it matches the SHA-256 the
/// chain keeps for the access, and only to those the chain lets review it; a delegate reads the access log with purposes.
/// </summary>
public sealed class EmergencyReasonTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _patientId = "pat-7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e";
    private const string _problemBase = "https://medchain.example/problems/";
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Reason_DocumentAlteredInStorage_IsNotReleased()
    {
        using var records = fixture.CreateClient(subject: "records-system", role: "service");
        using var regulator = fixture.CreateClient(fixture.RegulatorFactory, subject: "reg-rita", role: "regulator");
        await SendAsync(records, HttpMethod.Post, $"/api/patients/{_patientId}/enrollment", new { }, HttpStatusCode.Created);
        using (var body = new ByteArrayContent(RandomNumberGenerator.GetBytes(1000)))
        {
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            using var stored = await records.PutAsync(Uri($"/api/records/rec-reason?patientId={_patientId}&recordType=lab-result"), body, _ct);
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        using var doctor = fixture.CreateClient(subject: "dr-night");
        using var emergency = await doctor.PostAsJsonAsync(Uri("/api/records/rec-reason/emergency-access"), new { reasonCode = "poisoning", reasonText = "Found with an empty bottle of pills" }, _ct);
        Assert.Equal(HttpStatusCode.OK, emergency.StatusCode);
        var entryId = emergency.Headers.GetValues("MedChain-Access-Entry").Single();
        var documentId = emergency.Headers.GetValues("MedChain-Reason-Document").Single();
        var first = await SendAsync(regulator, HttpMethod.Get, $"/api/emergency-accesses/{entryId}/reason", null, HttpStatusCode.OK);

        // Someone with write access to the storage account replaces the document with another one of their own.
        var blob = new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey))
            .GetBlobContainerClient("medchain-records").GetBlobClient(documentId);
        var bytes = (await blob.DownloadContentAsync(_ct)).Value.Content.ToArray();
        bytes[^1] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true, _ct);
        var altered = await SendAsync(regulator, HttpMethod.Get, $"/api/emergency-accesses/{entryId}/reason", null, HttpStatusCode.BadGateway);

        Assert.Equal("Found with an empty bottle of pills", first.GetProperty("reasonText").GetString());
        Assert.Equal(_problemBase + "integrity-failed", altered.GetProperty("type").GetString());
        Assert.DoesNotContain("pills", altered.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reason_MalformedOrUnknownAccess_ValidationOrNotFound()
    {
        using var regulator = fixture.CreateClient(fixture.RegulatorFactory, subject: "reg-rita", role: "regulator");

        var malformed = await SendAsync(regulator, HttpMethod.Get, "/api/emergency-accesses/not-an-entry/reason", null, HttpStatusCode.BadRequest);
        var unknown = await SendAsync(regulator, HttpMethod.Get, $"/api/emergency-accesses/{new string('a', 64)}/reason", null, HttpStatusCode.NotFound);

        Assert.Equal(_problemBase + "validation", malformed.GetProperty("type").GetString());
        Assert.Equal(_problemBase + "not-found", unknown.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AccessLog_ForADelegate_CarriesThePurposeOfEachConsentedRead_ForTheRegulatorNone()
    {
        const string patientId = "pat-7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f";
        const string guardianId = "pat-7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d";
        using var records = fixture.CreateClient(subject: "records-system", role: "service");
        using var doctorA = fixture.CreateClient(subject: "dr-day");
        using var doctorB = fixture.CreateClient(fixture.HospitalBFactory, subject: "dr-bex");
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        using var guardian = fixture.CreateClient(subject: guardianId, role: "patient");
        using var regulator = fixture.CreateClient(fixture.RegulatorFactory, subject: "reg-rita", role: "regulator");
        await SendAsync(records, HttpMethod.Post, $"/api/patients/{patientId}/enrollment", new { }, HttpStatusCode.Created);
        await SendAsync(records, HttpMethod.Post, $"/api/patients/{guardianId}/enrollment", new { }, HttpStatusCode.Created);
        await SendAsync(patient, HttpMethod.Put, $"/api/patients/{patientId}/delegates/{GatewayServiceFixture.Hospital}/{guardianId}", new { }, HttpStatusCode.OK);
        using (var body = new ByteArrayContent(RandomNumberGenerator.GetBytes(100)))
        {
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            using var stored = await records.PutAsync(Uri($"/api/records/rec-purpose?patientId={patientId}&recordType=lab-result"), body, _ct);
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        await SendAsync(guardian, HttpMethod.Post, $"/api/patients/{patientId}/consents", new { granteeMspId = GatewayServiceFixture.HospitalB, recordIds = new[] { "rec-purpose" }, purpose = "research", end = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.Created);
        await SendAsync(doctorA, HttpMethod.Post, "/api/records/rec-purpose/grants", new { mspId = GatewayServiceFixture.HospitalB }, HttpStatusCode.OK);
        using (var read = await doctorB.GetAsync(Uri("/api/records/rec-purpose/content?purpose=research"), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var forGuardian = await SendAsync(guardian, HttpMethod.Get, $"/api/patients/{patientId}/access-log", null, HttpStatusCode.OK);
        var forRegulator = await SendAsync(regulator, HttpMethod.Get, $"/api/patients/{patientId}/access-log", null, HttpStatusCode.OK);

        var entry = Assert.Single(forGuardian.GetProperty("items").EnumerateArray(), e => e.GetProperty("requester").GetProperty("personId").GetString() == "dr-bex");
        Assert.Equal("allowed", entry.GetProperty("decision").GetString());
        Assert.Equal("research", entry.GetProperty("purpose").GetString());
        var audited = Assert.Single(forRegulator.GetProperty("items").EnumerateArray(), e => e.GetProperty("requester").GetProperty("personId").GetString() == "dr-bex");
        Assert.False(audited.TryGetProperty("purpose", out _));
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, Uri(path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        using var response = await client.SendAsync(request, _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
