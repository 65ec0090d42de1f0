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
using MedChain.OffchainStore.Keys;
using MedChain.TestSupport;

namespace MedChain.Fabric.Acceptance.Tests.Service;

/// <summary>
/// Issue #13's story on the real network through the services' HTTP APIs. The network has two organizations with
/// peers, so the pharmacy (Org2) stands in for "hospital B" in the consent part (refused, consent, reads, revoked,
/// refused), and dispenses the prescriptions. The regulator (Org3, no peer) runs its service on the hospital's peer.
/// Everything goes through HTTP except the tampering, a direct blob write (it is the attack being detected).
/// </summary>
public abstract class ApiStoryAcceptanceTests(FabricNetworkFixture network)
{
    private const string _problemBase = "https://medchain.example/problems/";

    [Fact]
    public async Task Story_ConsentPrescriptionEmergencyTamperingAndErasure_ThroughHttp()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var patientId = MedChainRequests.NewPatientId();
        var recordId = MedChainRequests.NewRecordId();
        await using var azurite = await AzuriteProcess.StartAsync(token);
        using var tokens = new TestTokens();
        var pharmacyKey = OrgKeyPair.Generate();
        var regulatorKey = OrgKeyPair.Generate();
        var others = new Dictionary<string, OrgPublicKey> { ["Org2MSP"] = pharmacyKey.PublicKey, ["Org3MSP"] = regulatorKey.PublicKey };
        // The hospital's clock: the system clock, moved back once (below) to date a prescription within the endorsers' skew.
        var hospitalClock = new ShiftedClock();
        await using var hospital = OrganizationService.Start(network, 1, azurite, tokens, OrgKeyPair.Generate(), others, clock: hospitalClock);
        await using var pharmacy = OrganizationService.Start(network, 2, azurite, tokens, pharmacyKey, new Dictionary<string, OrgPublicKey>());
        await using var regulatorService = OrganizationService.Start(network, 3, azurite, tokens, regulatorKey, new Dictionary<string, OrgPublicKey>(), peerOrg: 1);
        using var doctor = hospital.Client("dr-story");
        using var emergencyDoctor = hospital.Client("dr-story-er");
        using var hospitalService = hospital.Client("records-story", "service");
        using var patient = hospital.Client(patientId, "patient");
        using var pharmacist = pharmacy.Client("ph-story", "pharmacist");
        using var regulator = regulatorService.Client("reg-story", "regulator");
        var content = RandomNumberGenerator.GetBytes(40_000);

        // The hospital's records system admits the patient.
        await ExpectAsync(await PostAsync(hospitalService, $"/api/patients/{patientId}/enrollment", new { }, token), HttpStatusCode.Created, token);

        // The hospital stores a record; the other organization is refused.
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (var request = new HttpRequestMessage(HttpMethod.Put, Relative($"/api/records/{recordId}?patientId={patientId}&recordType=lab-result")) { Content = body })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await ExpectAsync(await doctor.SendAsync(request, token), HttpStatusCode.Created, token);
        }

        await ExpectProblemAsync(await pharmacist.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token), HttpStatusCode.Forbidden, "access-denied", token);

        // Consent, key grant, one read; revocation; refused again.
        var consent = await ExpectAsync(await PostAsync(patient, $"/api/patients/{patientId}/consents", new { granteeMspId = "Org2MSP", recordIds = new[] { recordId }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(30) }, token), HttpStatusCode.Created, token);
        var consentId = consent.GetProperty("consent").GetProperty("consentId").GetString()!;
        await ExpectAsync(await PostAsync(doctor, $"/api/records/{recordId}/grants", new { mspId = "Org2MSP" }, token), HttpStatusCode.OK, token);
        using (var read = await pharmacist.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(content, await read.Content.ReadAsByteArrayAsync(token));
        }

        // The patient's records: listed for the patient (with type and hash), for the pharmacy while its consent is in
        // force, and for the regulator; never the content.
        var records = await ExpectAsync(await patient.GetAsync(Relative($"/api/patients/{patientId}/records"), token), HttpStatusCode.OK, token);
        var listed = Assert.Single(records.GetProperty("items").EnumerateArray());
        Assert.Equal(recordId, listed.GetProperty("recordId").GetString());
        Assert.Equal("Org1MSP", listed.GetProperty("custodianMspId").GetString());
        Assert.Equal("lab-result", listed.GetProperty("recordType").GetString());
        var recordsForPharmacy = await ExpectAsync(await pharmacist.GetAsync(Relative($"/api/patients/{patientId}/records"), token), HttpStatusCode.OK, token);
        Assert.Equal(recordId, Assert.Single(recordsForPharmacy.GetProperty("items").EnumerateArray()).GetProperty("recordId").GetString());
        var recordsForRegulator = await ExpectAsync(await regulator.GetAsync(Relative($"/api/patients/{patientId}/records"), token), HttpStatusCode.OK, token);
        Assert.Equal(recordId, Assert.Single(recordsForRegulator.GetProperty("items").EnumerateArray()).GetProperty("recordId").GetString());

        await ExpectAsync(await patient.DeleteAsync(Relative($"/api/patients/{patientId}/consents/{consentId}"), token), HttpStatusCode.OK, token);
        await ExpectProblemAsync(await pharmacist.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token), HttpStatusCode.Forbidden, "access-denied", token);
        await ExpectProblemAsync(await pharmacist.GetAsync(Relative($"/api/patients/{patientId}/records"), token), HttpStatusCode.Forbidden, "ledger-forbidden", token);
        var log = await ExpectAsync(await patient.GetAsync(Relative($"/api/patients/{patientId}/access-log"), token), HttpStatusCode.OK, token);
        var pharmacyEntries = log.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("requester").GetProperty("personId").GetString() == "ph-story").ToList();
        Assert.Equal(["denied", "allowed", "denied"], pharmacyEntries.Select(e => e.GetProperty("decision").GetString()));
        // For which purpose: joined back from the consent the allowed entry names (the chain's entry carries none).
        Assert.Equal("treatment", pharmacyEntries[1].GetProperty("purpose").GetString());

        // A prescription designated to the pharmacy: dispensed once, the same fill again is 409.
        var issued = await ExpectAsync(await PostAsync(doctor, "/api/prescriptions", Prescription(patientId, "Org2MSP"), token), HttpStatusCode.Created, token);
        var rxId = issued.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        await ExpectAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rxId}/dispenses", new { fill = 1 }, token), HttpStatusCode.Created, token);
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rxId}/dispenses", new { fill = 1 }, token), HttpStatusCode.Conflict, "already-dispensed", token);

        // Cancelled by the patient: no longer dispensable.
        var second = await ExpectAsync(await PostAsync(doctor, "/api/prescriptions", Prescription(patientId, "Org2MSP"), token), HttpStatusCode.Created, token);
        var rx2 = second.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        await ExpectAsync(await PostAsync(patient, $"/api/prescriptions/{rx2}/cancellation", new { }, token), HttpStatusCode.OK, token);
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rx2}/dispenses", new { fill = 1 }, token), HttpStatusCode.Conflict, "ledger-conflict", token);

        // Expired: real peers bound the transaction time by their own clocks, which a test cannot move. Instead the
        // hospital issues with its clock two minutes back (within the endorsers' MEDCHAIN_MAX_CLOCK_SKEW, default five)
        // a prescription valid until one minute ago; the pharmacy's dispense, stamped now, is after its end.
        hospitalClock.Offset = TimeSpan.FromMinutes(-2);
        var expiring = await ExpectAsync(await PostAsync(doctor, "/api/prescriptions", Prescription(patientId, "Org2MSP", DateTimeOffset.UtcNow.AddMinutes(-1)), token), HttpStatusCode.Created, token);
        hospitalClock.Offset = TimeSpan.Zero;
        var rx3 = expiring.GetProperty("prescription").GetProperty("prescriptionId").GetString()!;
        await ExpectProblemAsync(await PostAsync(pharmacist, $"/api/prescriptions/{rx3}/dispenses", new { fill = 1 }, token), HttpStatusCode.Conflict, "prescription-expired", token);
        var notDispensed = await ExpectAsync(await pharmacist.GetAsync(Relative($"/api/prescriptions/{rx3}"), token), HttpStatusCode.OK, token);
        Assert.Equal(0, notDispensed.GetProperty("dispenseCount").GetInt32());

        // Emergency access: content released, logged as emergency, in the regulator's list.
        using (var emergency = await PostAsync(emergencyDoctor, $"/api/records/{recordId}/emergency-access", new { reasonCode = "patient-unconscious", reasonText = "Unconscious on arrival" }, token))
        {
            Assert.True(emergency.StatusCode == HttpStatusCode.OK, await emergency.Content.ReadAsStringAsync(token));
            Assert.Equal(content, await emergency.Content.ReadAsByteArrayAsync(token));
            var entryId = emergency.Headers.GetValues("MedChain-Access-Entry").Single();
            // Oldest first, and the network is shared by other tests: follow the pages.
            var alerts = new List<string?>();
            string? bookmark = string.Empty;
            while (bookmark is not null)
            {
                var page = await ExpectAsync(await regulator.GetAsync(Relative($"/api/emergency-accesses?bookmark={Uri.EscapeDataString(bookmark)}"), token), HttpStatusCode.OK, token);
                alerts.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entryId").GetString()));
                bookmark = page.GetProperty("bookmark").GetString();
            }

            Assert.Contains(entryId, alerts);

            // The regulator reads the doctor's words: the read is committed naming the reader, the document checked
            // against the hash on the entry. The pharmacy may not.
            var reason = await ExpectAsync(await regulator.GetAsync(Relative($"/api/emergency-accesses/{entryId}/reason"), token), HttpStatusCode.OK, token);
            Assert.Equal("Unconscious on arrival", reason.GetProperty("reasonText").GetString());
            Assert.Equal("reg-story", reason.GetProperty("reviewedBy").GetProperty("personId").GetString());
            await ExpectProblemAsync(await pharmacist.GetAsync(Relative($"/api/emergency-accesses/{entryId}/reason"), token), HttpStatusCode.Forbidden, "ledger-forbidden", token);
        }

        // Tampering is detected.
        var blob = new BlobServiceClient(azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey))
            .GetBlobContainerClient("medchain-records").GetBlobClient(recordId);
        var bytes = (await blob.DownloadContentAsync(token)).Value.Content.ToArray();
        bytes[^1] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true, token);
        var verified = await ExpectAsync(await doctor.GetAsync(Relative($"/api/records/{recordId}/verify"), token), HttpStatusCode.OK, token);
        Assert.False(verified.GetProperty("matches").GetBoolean());

        // Erasure on the regulator's order: unreadable for everyone.
        await ExpectAsync(await PostAsync(regulator, $"/api/records/{recordId}/erasure-request", new { }, token), HttpStatusCode.Created, token);
        await ExpectAsync(await hospitalService.DeleteAsync(Relative($"/api/records/{recordId}"), token), HttpStatusCode.OK, token);
        await ExpectProblemAsync(await doctor.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token), HttpStatusCode.Gone, "erased", token);
        await ExpectProblemAsync(await patient.GetAsync(Relative($"/api/records/{recordId}/content?purpose=treatment"), token), HttpStatusCode.Gone, "erased", token);
    }

    private static object Prescription(string patientId, string pharmacy, DateTimeOffset? end = null) => new
    {
        patientId,
        medication = new { system = "http://www.nlm.nih.gov/research/umls/rxnorm", code = "197361", display = "Amlodipine 5 MG Oral Tablet" },
        dosage = new { text = "One tablet daily", frequency = 1, period = 1, periodUnit = "d" },
        quantity = new { value = 30, unit = "tablet" },
        validityPeriod = new { end = end ?? DateTimeOffset.UtcNow.AddDays(30) },
        designatedPharmacyMspId = pharmacy,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request, token);
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken token)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(token);
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string type, CancellationToken token) =>
        Assert.Equal(_problemBase + type, (await ExpectAsync(response, expected, token)).GetProperty("type").GetString());

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}

[Collection(TlsNetworkGroup.Name)]
public sealed class ApiStoryAcceptanceTlsTests(TlsNetworkFixture network) : ApiStoryAcceptanceTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class ApiStoryAcceptancePlainTests(PlainNetworkFixture network) : ApiStoryAcceptanceTests(network);
