using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// Issue #13's story, told through HTTP only; the one exception is the tampering, done to the storage account directly
/// (it is the attack being detected). Time passes on <see cref="GatewayServiceFixture.Clock"/>, which both the services
/// and the endorsing chaincode read, so a prescription expires without waiting.
/// </summary>
public sealed class ApiStoryTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _patientId = "pat-5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
    private const string _recordId = "rec-story";
    private const string _problemBase = "https://medchain.example/problems/";
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Story_ConsentPrescriptionEmergencyTamperingAndErasure_ThroughHttp()
    {
        using var doctorA = fixture.CreateClient(subject: "dr-house");
        using var serviceA = fixture.CreateClient(subject: "records-system", role: "service");
        using var doctorB = fixture.CreateClient(fixture.HospitalBFactory, subject: "dr-bea");
        using var patient = fixture.CreateClient(subject: _patientId, role: "patient");
        using var pharmacist = fixture.CreateClient(fixture.PharmacyFactory, subject: "ph-paul", role: "pharmacist");
        using var regulator = fixture.CreateClient(fixture.RegulatorFactory, subject: "reg-rita", role: "regulator");
        var content = RandomNumberGenerator.GetBytes(50_000);

        // Hospital A's records system admits the patient, who can then act as themself.
        await ExpectAsync(await PostAsync(serviceA, $"/api/patients/{_patientId}/enrollment", new { }), HttpStatusCode.Created);

        // Hospital A stores a record.
        await StoreAsync(doctorA, _recordId, content);

        // A doctor of hospital B is refused.
        await ExpectProblemAsync(await doctorB.GetAsync(Uri($"/api/records/{_recordId}/content?purpose=treatment"), _ct), HttpStatusCode.Forbidden, "access-denied");

        // The patient grants consent; hospital A grants B the key; B reads, leaving one allowed entry.
        using var consented = await PostAsync(patient, $"/api/patients/{_patientId}/consents", new
        {
            granteeMspId = GatewayServiceFixture.HospitalB,
            recordIds = new[] { _recordId },
            purpose = "treatment",
            end = DateTimeOffset.UtcNow.AddDays(30),
        });
        var consent = await ExpectAsync(consented, HttpStatusCode.Created);
        var consentId = consent.GetProperty("consent").GetProperty("consentId").GetString()!;
        Assert.Equal(_recordId, consent.GetProperty("consent").GetProperty("scope").GetProperty("recordIds")[0].GetString());
        await ExpectAsync(await PostAsync(doctorA, $"/api/records/{_recordId}/grants", new { mspId = GatewayServiceFixture.HospitalB }), HttpStatusCode.OK);
        Assert.Equal(content, await ReadAsync(doctorB, _recordId));
        Assert.Single(await AccessLogAsync(patient), e => e.Requester == "dr-bea" && e.Decision == "allowed");

        // A doctor of A signs the record off. The patient lists their records (no content; type, version, hash, sign-offs);
        // so may B's staff while the consent is in force; the regulator sees them without the record type.
        await ExpectAsync(await PostAsync(doctorA, $"/api/records/{_recordId}/sign-offs", new { }), HttpStatusCode.Created);
        var records = await ExpectAsync(await patient.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.OK);
        var listedRecord = Assert.Single(records.GetProperty("items").EnumerateArray(), r => r.GetProperty("recordId").GetString() == _recordId);
        Assert.Equal(GatewayServiceFixture.Hospital, listedRecord.GetProperty("custodianMspId").GetString());
        Assert.Equal(1, listedRecord.GetProperty("version").GetInt32());
        Assert.Equal("lab-result", listedRecord.GetProperty("recordType").GetString());
        Assert.Equal(64, listedRecord.GetProperty("sha256").GetString()!.Length);
        Assert.False(listedRecord.GetProperty("erased").GetBoolean());
        Assert.Equal("dr-house", Assert.Single(listedRecord.GetProperty("signOffs").EnumerateArray()).GetProperty("doctor").GetProperty("personId").GetString());
        Assert.False(listedRecord.TryGetProperty("blobRef", out _));
        var recordsForB = await ExpectAsync(await doctorB.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.OK);
        Assert.Contains(recordsForB.GetProperty("items").EnumerateArray(), r => r.GetProperty("recordId").GetString() == _recordId);
        var recordsForRegulator = await ExpectAsync(await regulator.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.OK);
        Assert.All(recordsForRegulator.GetProperty("items").EnumerateArray(), r => Assert.False(r.TryGetProperty("recordType", out var t) && t.ValueKind == JsonValueKind.String));
        await ExpectProblemAsync(await pharmacist.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.Forbidden, "ledger-forbidden");

        // The patient and hospital B's staff see the consent.
        var listed = await ExpectAsync(await patient.GetAsync(Uri($"/api/patients/{_patientId}/consents"), _ct), HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), c => c.GetProperty("consentId").GetString() == consentId);
        var forB = await ExpectAsync(await doctorB.GetAsync(Uri("/api/organization/consents"), _ct), HttpStatusCode.OK);
        Assert.Contains(forB.GetProperty("items").EnumerateArray(), c => c.GetProperty("consentId").GetString() == consentId);

        // The patient revokes; B is refused again.
        var revoked = await ExpectAsync(await patient.DeleteAsync(Uri($"/api/patients/{_patientId}/consents/{consentId}"), _ct), HttpStatusCode.OK);
        Assert.Equal("inactive", revoked.GetProperty("consent").GetProperty("status").GetString());
        await ExpectProblemAsync(await doctorB.GetAsync(Uri($"/api/records/{_recordId}/content?purpose=treatment"), _ct), HttpStatusCode.Forbidden, "access-denied");
        await ExpectProblemAsync(await doctorB.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.Forbidden, "ledger-forbidden");

        // The patient reads their access log: B denied, allowed, denied (who, what, when), and for which purpose: the
        // chain's entries carry none (issue #11), the service joins it back from the consent the allowed entry names.
        var log = await AccessLogAsync(patient);
        Assert.Equal(["denied", "allowed", "denied"], log.Where(e => e.Requester == "dr-bea").Select(e => e.Decision));
        var allowedEntry = Assert.Single(log, e => e.Decision == "allowed" && e.Requester == "dr-bea");
        Assert.Equal(consentId, allowedEntry.ConsentId);
        Assert.Equal("treatment", allowedEntry.Purpose);
        Assert.All(log.Where(e => e.Decision == "denied"), e => Assert.Null(e.Purpose));

        // A doctor issues a prescription designated to the pharmacy; the patient sees it.
        var issued = await ExpectAsync(await PostAsync(doctorA, "/api/prescriptions", Prescription(GatewayServiceFixture.Pharmacy)), HttpStatusCode.Created);
        var rxId = issued.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        Assert.Equal("197361", issued.GetProperty("prescription").GetProperty("medication").GetProperty("code").GetString());
        var mine = await ExpectAsync(await patient.GetAsync(Uri($"/api/patients/{_patientId}/prescriptions"), _ct), HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("prescriptionId").GetString() == rxId);

        // The pharmacy dispenses the fill once; a second dispense of the same fill is 409, and so is one without a fill number.
        var dispensed = await ExpectAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rxId}/dispenses", new { fill = 1 }), HttpStatusCode.Created);
        Assert.Equal(1, dispensed.GetProperty("prescription").GetProperty("dispenseCount").GetInt32());
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rxId}/dispenses", new { fill = 1 }), HttpStatusCode.Conflict, "already-dispensed");
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rxId}/dispenses", new { }), HttpStatusCode.Conflict, "ledger-conflict");
        var pharmacyList = await ExpectAsync(await pharmacist.GetAsync(Uri("/api/organization/prescriptions"), _ct), HttpStatusCode.OK);
        Assert.Contains(pharmacyList.GetProperty("items").EnumerateArray(), p => p.GetProperty("prescriptionId").GetString() == rxId);

        // A prescription without a designated pharmacy: the patient sets the code; once cancelled it cannot be dispensed.
        var second = await ExpectAsync(await PostAsync(doctorA, "/api/prescriptions", Prescription(null)), HttpStatusCode.Created);
        var rx2 = second.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        const string code = "k7Q2-m9Xw-4TzR-8pLd";
        await ExpectAsync(await PutAsync(patient, $"/api/prescriptions/{rx2}/dispensing-code", new { dispensingCode = code }), HttpStatusCode.OK);
        var cancelled = await ExpectAsync(await PostAsync(patient, $"/api/prescriptions/{rx2}/cancellation", new { }), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("prescription").GetProperty("status").GetString());
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rx2}/dispenses", new { fill = 1, dispensingCode = code }), HttpStatusCode.Conflict, "ledger-conflict");

        // A prescription valid for two minutes; five minutes later (for the services and the endorser alike) it can't be
        // dispensed: 409 prescription-expired, and nothing was written.
        var shortLived = await ExpectAsync(await PostAsync(doctorA, "/api/prescriptions", Prescription(GatewayServiceFixture.Pharmacy, fixture.Clock.GetUtcNow().AddMinutes(2))), HttpStatusCode.Created);
        var rx3 = shortLived.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rx3}/dispenses", new { fill = 1 }), HttpStatusCode.Conflict, "prescription-expired");
        var afterExpiry = await ExpectAsync(await pharmacist.GetAsync(Uri($"/api/prescriptions/{rx3}"), _ct), HttpStatusCode.OK);
        Assert.Equal(0, afterExpiry.GetProperty("dispenseCount").GetInt32());
        Assert.Equal("active", afterExpiry.GetProperty("status").GetString());
        Assert.Single((await ExpectAsync(await regulator.GetAsync(Uri($"/api/prescriptions/{rx3}/history"), _ct), HttpStatusCode.OK)).EnumerateArray());

        // The regulator follows the flow: every committed version, newest first.
        var history = await ExpectAsync(await regulator.GetAsync(Uri($"/api/prescriptions/{rxId}/history"), _ct), HttpStatusCode.OK);
        Assert.Equal(["completed", "active"], history.EnumerateArray().Select(h => h.GetProperty("value").GetProperty("status").GetString()));

        // An emergency access: logged as such, the content released for that read, visible to the regulator.
        using var emergency = await PostAsync(fixture.CreateClient(subject: "dr-er"), $"/api/records/{_recordId}/emergency-access", new { reasonCode = "patient-unconscious", reasonText = "Unconscious on arrival, no relative reachable" });
        Assert.True(emergency.StatusCode == HttpStatusCode.OK, await emergency.Content.ReadAsStringAsync(_ct));
        Assert.Equal(content, await emergency.Content.ReadAsByteArrayAsync(_ct));
        var entryId = emergency.Headers.GetValues("MedChain-Access-Entry").Single();
        var alerts = await ExpectAsync(await regulator.GetAsync(Uri("/api/emergency-accesses"), _ct), HttpStatusCode.OK);
        var alert = Assert.Single(alerts.GetProperty("items").EnumerateArray(), e => e.GetProperty("entryId").GetString() == entryId);
        Assert.Equal("patient-unconscious", alert.GetProperty("emergencyReasonCode").GetString());
        var regulatorView = await ExpectAsync(await regulator.GetAsync(Uri($"/api/patients/{_patientId}/access-log"), _ct), HttpStatusCode.OK);
        Assert.Contains(regulatorView.GetProperty("items").EnumerateArray(), e => e.GetProperty("entryId").GetString() == entryId && e.GetProperty("emergency").GetBoolean());
        var patientView = await ExpectAsync(await patient.GetAsync(Uri($"/api/patients/{_patientId}/access-log"), _ct), HttpStatusCode.OK);
        Assert.Equal("patient-unconscious", patientView.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("entryId").GetString() == entryId).GetProperty("emergencyReasonCode").GetString());

        // The regulator (and hospital A, whose doctor broke the glass) read the doctor's words: each read is committed
        // naming the reader, and the document is checked against the hash on the entry. Hospital B and the pharmacy may not.
        var reason = await ExpectAsync(await regulator.GetAsync(Uri($"/api/emergency-accesses/{entryId}/reason"), _ct), HttpStatusCode.OK);
        Assert.Equal("Unconscious on arrival, no relative reachable", reason.GetProperty("reasonText").GetString());
        Assert.Equal("patient-unconscious", reason.GetProperty("reasonCode").GetString());
        Assert.Equal(emergency.Headers.GetValues("MedChain-Reason-Document").Single(), reason.GetProperty("reasonDocumentId").GetString());
        Assert.Equal("reg-rita", reason.GetProperty("reviewedBy").GetProperty("personId").GetString());
        var reasonForA = await ExpectAsync(await serviceA.GetAsync(Uri($"/api/emergency-accesses/{entryId}/reason"), _ct), HttpStatusCode.OK);
        Assert.NotEqual(reason.GetProperty("transactionId").GetString(), reasonForA.GetProperty("transactionId").GetString());
        await ExpectProblemAsync(await doctorB.GetAsync(Uri($"/api/emergency-accesses/{entryId}/reason"), _ct), HttpStatusCode.Forbidden, "ledger-forbidden");
        await ExpectProblemAsync(await pharmacist.GetAsync(Uri($"/api/emergency-accesses/{entryId}/reason"), _ct), HttpStatusCode.Forbidden, "ledger-forbidden");

        // A tampered blob is detected: by verify, and on read.
        var verified = await ExpectAsync(await doctorA.GetAsync(Uri($"/api/records/{_recordId}/verify"), _ct), HttpStatusCode.OK);
        Assert.True(verified.GetProperty("matches").GetBoolean());
        await TamperAsync(_recordId);
        verified = await ExpectAsync(await doctorA.GetAsync(Uri($"/api/records/{_recordId}/verify"), _ct), HttpStatusCode.OK);
        Assert.False(verified.GetProperty("matches").GetBoolean());
        using (var tampered = await doctorA.GetAsync(Uri($"/api/records/{_recordId}/content?purpose=treatment"), _ct))
        {
            // Headers may already be sent when the mismatch surfaces at the end of the stream: then the body is cut short.
            if (tampered.IsSuccessStatusCode)
            {
                await Assert.ThrowsAnyAsync<Exception>(() => tampered.Content.ReadAsByteArrayAsync(_ct));
            }
            else
            {
                await ExpectProblemAsync(tampered, HttpStatusCode.BadGateway, "integrity-failed");
            }
        }

        // Erasure on the regulator's order: afterwards no one reads the record; it stays listed, flagged erased.
        await ExpectAsync(await PostAsync(regulator, $"/api/records/{_recordId}/erasure-request", new { }), HttpStatusCode.Created);
        await ExpectAsync(await serviceA.DeleteAsync(Uri($"/api/records/{_recordId}"), _ct), HttpStatusCode.OK);
        var afterErasure = await ExpectAsync(await patient.GetAsync(Uri($"/api/patients/{_patientId}/records"), _ct), HttpStatusCode.OK);
        Assert.True(afterErasure.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("recordId").GetString() == _recordId).GetProperty("erased").GetBoolean());
        await ExpectProblemAsync(await doctorA.GetAsync(Uri($"/api/records/{_recordId}/content?purpose=treatment"), _ct), HttpStatusCode.Gone, "erased");
        await ExpectProblemAsync(await patient.GetAsync(Uri($"/api/records/{_recordId}/content?purpose=treatment"), _ct), HttpStatusCode.Gone, "erased");
        await ExpectProblemAsync(await PostAsync(fixture.CreateClient(subject: "dr-er"), $"/api/records/{_recordId}/emergency-access", new { reasonCode = "life-threatening", reasonText = "Second attempt after erasure" }), HttpStatusCode.Gone, "erased");
    }

    [Fact]
    public async Task Delegate_ActsForThePatient_UntilRemoved()
    {
        const string patientId = "pat-5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b";
        const string guardianId = "pat-5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c";
        using (var admissions = fixture.CreateClient(subject: "records-system", role: "service"))
        {
            await ExpectAsync(await PostAsync(admissions, $"/api/patients/{patientId}/enrollment", new { }), HttpStatusCode.Created);
            await ExpectAsync(await PostAsync(admissions, $"/api/patients/{guardianId}/enrollment", new { }), HttpStatusCode.Created);
        }

        using var patient = fixture.CreateClient(subject: patientId, role: "patient");
        using var guardian = fixture.CreateClient(subject: guardianId, role: "patient");
        var consent = new { granteeMspId = GatewayServiceFixture.HospitalB, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(7) };
        await ExpectProblemAsync(await PostAsync(guardian, $"/api/patients/{patientId}/consents", consent), HttpStatusCode.Forbidden, "ledger-forbidden");

        await ExpectAsync(await PutAsync(patient, $"/api/patients/{patientId}/delegates/{GatewayServiceFixture.Hospital}/{guardianId}", new { }), HttpStatusCode.OK);
        var granted = await ExpectAsync(await PostAsync(guardian, $"/api/patients/{patientId}/consents", consent), HttpStatusCode.Created);
        var listed = await ExpectAsync(await guardian.GetAsync(Uri($"/api/patients/{patientId}/consents"), _ct), HttpStatusCode.OK);
        await ExpectAsync(await patient.DeleteAsync(Uri($"/api/patients/{patientId}/delegates/{GatewayServiceFixture.Hospital}/{guardianId}"), _ct), HttpStatusCode.OK);

        Assert.Equal(patientId, granted.GetProperty("consent").GetProperty("patientId").GetString());
        Assert.Single(listed.GetProperty("items").EnumerateArray());
        await ExpectProblemAsync(await PostAsync(guardian, $"/api/patients/{patientId}/consents", consent), HttpStatusCode.Forbidden, "ledger-forbidden");
    }

    private static object Prescription(string? pharmacy, DateTimeOffset? end = null) => new
    {
        patientId = _patientId,
        medication = new { system = "http://www.nlm.nih.gov/research/umls/rxnorm", code = "197361", display = "Amlodipine 5 MG Oral Tablet" },
        dosage = new { text = "One tablet daily", frequency = 1, period = 1, periodUnit = "d" },
        quantity = new { value = 30, unit = "tablet" },
        validityPeriod = new { end = end ?? DateTimeOffset.UtcNow.AddDays(30) },
        designatedPharmacyMspId = pharmacy,
    };

    private async Task TamperAsync(string recordId)
    {
        var blob = new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey))
            .GetBlobContainerClient("medchain-records").GetBlobClient(recordId);
        var bytes = (await blob.DownloadContentAsync(_ct)).Value.Content.ToArray();
        bytes[^1] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true, _ct);
    }

    private static async Task StoreAsync(HttpClient client, string recordId, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/records/{recordId}?patientId={_patientId}&recordType=lab-result")) { Content = body };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await ExpectAsync(await client.SendAsync(request, _ct), HttpStatusCode.Created);
    }

    private static async Task<byte[]> ReadAsync(HttpClient client, string recordId)
    {
        using var response = await client.GetAsync(Uri($"/api/records/{recordId}/content?purpose=treatment"), _ct);
        var body = await response.Content.ReadAsByteArrayAsync(_ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static async Task<List<(string? Requester, string? Decision, string? ConsentId, string? Purpose)>> AccessLogAsync(HttpClient client)
    {
        var log = await ExpectAsync(await client.GetAsync(Uri($"/api/patients/{_patientId}/access-log"), _ct), HttpStatusCode.OK);
        return [.. log.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("recordId").GetString() == _recordId && !e.GetProperty("emergency").GetBoolean())
            .Select(e => (
                e.GetProperty("requester").GetProperty("personId").GetString(),
                e.GetProperty("decision").GetString(),
                e.TryGetProperty("consentId", out var consentId) ? consentId.GetString() : null,
                e.TryGetProperty("purpose", out var purpose) ? purpose.GetString() : null))];
    }

    /// <summary>Every write carries an Idempotency-Key, as clients are told to send.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => SendAsync(client, HttpMethod.Post, path, body);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) => SendAsync(client, HttpMethod.Put, path, body);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, Uri(path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request, _ct);
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(_ct);
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var problem = await ExpectAsync(response, expected);
        Assert.Equal(_problemBase + type, problem.GetProperty("type").GetString());
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
