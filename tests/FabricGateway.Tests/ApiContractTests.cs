using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.FabricGateway.Apis;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>What every endpoint promises: the OpenAPI document, idempotency keys, problem types, health, metrics, nothing half-applied.</summary>
public sealed class ApiContractTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private static readonly CancellationToken _ct = CancellationToken.None;

    /// <summary>Every /api route the service maps (the demo calls most of them).</summary>
    public static readonly TheoryData<string, string> Routes = new()
    {
        { "put", "/api/records/{recordId}" },
        { "get", "/api/records/{recordId}" },
        { "delete", "/api/records/{recordId}" },
        { "get", "/api/records/{recordId}/content" },
        { "post", "/api/records/{recordId}/grants" },
        { "get", "/api/records/{recordId}/verify" },
        { "post", "/api/records/{recordId}/sign-offs" },
        { "post", "/api/records/{recordId}/emergency-access" },
        { "get", "/api/emergency-accesses" },
        { "get", "/api/emergency-accesses/{accessId}/reason" },
        { "post", "/api/patients/{patientId}/enrollment" },
        { "get", "/api/patients/{patientId}/records" },
        { "post", "/api/records/{recordId}/erasure-request" },
        { "post", "/api/patients/{patientId}/consents" },
        { "get", "/api/patients/{patientId}/consents" },
        { "delete", "/api/patients/{patientId}/consents/{consentId}" },
        { "get", "/api/patients/{patientId}/access-log" },
        { "put", "/api/patients/{patientId}/delegates/{mspId}/{personId}" },
        { "delete", "/api/patients/{patientId}/delegates/{mspId}/{personId}" },
        { "get", "/api/organization/consents" },
        { "post", "/api/prescriptions" },
        { "get", "/api/prescriptions/{prescriptionId}" },
        { "get", "/api/patients/{patientId}/prescriptions" },
        { "put", "/api/prescriptions/{prescriptionId}/dispensing-code" },
        { "post", "/api/prescriptions/{prescriptionId}/dispenses" },
        { "post", "/api/prescriptions/{prescriptionId}/cancellation" },
        { "get", "/api/prescriptions/{prescriptionId}/history" },
        { "get", "/api/organization/prescriptions" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OpenApi_ListsTheRoute_WithItsProblemTypesAndExamples(string method, string route)
    {
        using var client = fixture.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct));

        var operation = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty(method);

        var problems = operation.GetProperty("responses").EnumerateObject()
            .Where(r => r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
            .ToDictionary(r => r.Name, r => r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").EnumerateObject()
                .Select(e => e.Value.GetProperty("value").GetProperty("type").GetString()).ToList());
        Assert.Contains(ProblemTypes.Unauthenticated.Uri, problems["401"]);
        Assert.Contains(ProblemTypes.LedgerForbidden.Uri, problems["403"]);
        Assert.Contains(ProblemTypes.LedgerUnavailable.Uri, problems["503"]);
        if (method is "post" or "put")
        {
            Assert.Contains(ProblemTypes.IdempotencyKeyReused.Uri, problems["422"]);
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        }
    }

    [Fact]
    public async Task OpenApi_ListsNoRouteThisTestDoesNot()
    {
        using var client = fixture.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct));

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Routes.Select(r => $"{r.Data.Item1} {r.Data.Item2}").Order(StringComparer.Ordinal), documented);
    }

    [Theory]
    [InlineData("post", "/api/prescriptions/{prescriptionId}/dispenses", "prescription-expired")]
    [InlineData("get", "/api/emergency-accesses/{accessId}/reason", "integrity-failed")]
    [InlineData("get", "/api/emergency-accesses/{accessId}/reason", "not-committed")]
    public async Task OpenApi_ListsTheRouteParticularProblemTypes(string method, string route, string type)
    {
        using var client = fixture.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct));

        var responses = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty(method).GetProperty("responses");

        Assert.Contains(responses.EnumerateObject(), r => r.Value.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/problem+json", out var problem)
            && problem.GetProperty("examples").TryGetProperty(type, out _));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryProblemType()
    {
        using var client = fixture.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct));

        var description = document.RootElement.GetProperty("info").GetProperty("description").GetString()!;

        Assert.All(ProblemTypes.All, t => Assert.Contains(t.Uri, description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scalar_InDevelopment_ServesTheInteractiveReference()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unauthenticated_IsAProblemWithAStableType()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/organization/consents", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemTypes.Unauthenticated.Uri, (await ProblemAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Consent_RetriedWithTheSameKey_IsGrantedOnce_AndReplayedAfterARestart()
    {
        const string patientId = "pat-6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b";
        await fixture.EnrollPatientAsync(patientId);
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        var body = new { granteeMspId = GatewayServiceFixture.HospitalB, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(3) };
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(patient, HttpMethod.Post, $"/api/patients/{patientId}/consents", body, key);
        using var second = await SendAsync(patient, HttpMethod.Post, $"/api/patients/{patientId}/consents", body, key);
        // A new service instance: the key lives in storage, not in memory.
        await using var restarted = fixture.WithSettings(new Dictionary<string, string?>());
        using var afterRestart = await SendAsync(fixture.CreateClient(restarted, subject: patientId, role: "patient"), HttpMethod.Post, $"/api/patients/{patientId}/consents", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterRestart.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        var consentId = (await JsonAsync(first)).GetProperty("consent").GetProperty("consentId").GetString();
        Assert.Equal(consentId, (await JsonAsync(second)).GetProperty("consent").GetProperty("consentId").GetString());
        Assert.Equal(consentId, (await JsonAsync(afterRestart)).GetProperty("consent").GetProperty("consentId").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var listed = await patient.GetAsync(new Uri($"/api/patients/{patientId}/consents", UriKind.Relative), _ct);
        Assert.Single((await JsonAsync(listed)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SameKey_ForAnotherRequest_Returns422AndSubmitsNothing()
    {
        const string patientId = "pat-6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c";
        await fixture.EnrollPatientAsync(patientId);
        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        var key = Guid.NewGuid().ToString();
        using var first = await SendAsync(patient, HttpMethod.Post, $"/api/patients/{patientId}/consents", new { granteeMspId = GatewayServiceFixture.HospitalB, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(3) }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await SendAsync(patient, HttpMethod.Post, $"/api/patients/{patientId}/consents", new { granteeMspId = GatewayServiceFixture.Pharmacy, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(3) }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(ProblemTypes.IdempotencyKeyReused.Uri, (await ProblemAsync(other)).GetProperty("type").GetString());
        using var listed = await patient.GetAsync(new Uri($"/api/patients/{patientId}/consents", UriKind.Relative), _ct);
        Assert.Single((await JsonAsync(listed)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Record_RetriedWithTheSameKey_ReplaysTheFirstAnswerInsteadOf409()
    {
        const string patientId = "pat-6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d";
        await fixture.EnrollPatientAsync(patientId);
        using var doctor = fixture.CreateClient();
        var key = Guid.NewGuid().ToString();

        using var first = await PutRecordAsync(doctor, "rec-idem", patientId, key);
        using var retry = await PutRecordAsync(doctor, "rec-idem", patientId, key);
        using var withoutKey = await PutRecordAsync(doctor, "rec-idem", patientId, null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await JsonAsync(first)).GetProperty("transactionId").GetString(), (await JsonAsync(retry)).GetProperty("transactionId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
        Assert.Equal(ProblemTypes.RecordExists.Uri, (await ProblemAsync(withoutKey)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Record_WhenTheLedgerIsDown_Returns503AndLeavesNothingInStorage()
    {
        const string patientId = "pat-6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e";
        await using var ledgerDown = fixture.WithSettings(new Dictionary<string, string?> { ["Fabric:Endpoint"] = "http://127.0.0.1:9" });
        using var doctor = fixture.CreateClient(ledgerDown);

        using var response = await PutRecordAsync(doctor, "rec-ledger-down", patientId, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ProblemTypes.LedgerUnavailable.Uri, (await ProblemAsync(response)).GetProperty("type").GetString());
        Assert.False(await Blobs().GetBlobContainerClient("medchain-records").GetBlobClient("rec-ledger-down").ExistsAsync(_ct));
    }

    [Fact]
    public async Task Emergency_WithAnUnknownReasonCode_Returns400AndStoresNoReasonDocument()
    {
        using var doctor = fixture.CreateClient(subject: "dr-hasty");
        var before = await ReasonDocumentsAsync();

        using var response = await SendAsync(doctor, HttpMethod.Post, "/api/records/rec-anything/emergency-access", new { reasonCode = "curiosity", reasonText = "just looking" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(ProblemTypes.Validation.Uri, problem.GetProperty("type").GetString());
        Assert.Equal("reasonCode", problem.GetProperty("field").GetString());
        Assert.Equal(before, await ReasonDocumentsAsync());
    }

    [Fact]
    public async Task Health_LiveAndReady_WhenLedgerAndStorageAnswer()
    {
        using var client = fixture.Factory.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), _ct);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Health_NotReady_WhenTheLedgerIsUnreachable_ButLive()
    {
        await using var ledgerDown = fixture.WithSettings(new Dictionary<string, string?> { ["Fabric:Endpoint"] = "http://127.0.0.1:9" });
        using var client = ledgerDown.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), _ct);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_CountRequestsAndChainCalls()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "MedChain.FabricGateway")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                seen.Add($"{instrument.Name}:{tag.Key}={tag.Value}");
            }
        });
        listener.Start();
        using var regulator = fixture.CreateClient(fixture.RegulatorFactory, subject: "reg-metrics", role: "regulator");

        using var response = await regulator.GetAsync(new Uri("/api/emergency-accesses", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("medchain.chain.calls:medchain.function=Consent:ListEmergencyAccesses", seen);
        Assert.Contains("medchain.http.requests:http.route=/api/emergency-accesses", seen);
    }

    private async Task<int> ReasonDocumentsAsync()
    {
        var container = Blobs().GetBlobContainerClient("medchain-records");
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "emergency-reason-" }, _ct))
        {
            count++;
        }

        return count;
    }

    private BlobServiceClient Blobs() =>
        new(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));

    private static Task<HttpResponseMessage> PutRecordAsync(HttpClient client, string recordId, string patientId, string? key)
    {
        var body = new ByteArrayContent(new byte[] { 1, 2, 3, 4, 5 });
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/records/{recordId}?patientId={patientId}&recordType=lab-result", UriKind.Relative)) { Content = body };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, _ct);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string key)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, _ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement.Clone();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonAsync(response);
    }
}
