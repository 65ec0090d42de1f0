using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MedChain.Demo;

/// <summary>A step of the story, done as the story expects (any other answer stops the story).</summary>
public sealed record DemoStep(string Title);

/// <summary>
/// MedChain's story through the HTTP API only: a record stored and anchored; another organization refused, then
/// allowed by the patient's consent; the access log; a prescription dispensed once; an emergency access the regulator
/// sees; a tampered blob detected; an erasure. The "other organization" is the pharmacy (Org2MSP): on the local Fabric
/// network the hospital is the only hospital organization. Each step writes what happened to the transcript and
/// stops the story (<see cref="DemoFailedException"/>) when the service answers otherwise.
/// </summary>
public sealed class DemoStory(DemoTargets targets, TextWriter transcript)
{
    private const string _purpose = "treatment";
    private static readonly HttpStatusCode[] _created = [HttpStatusCode.Created];
    private static readonly HttpStatusCode[] _ok = [HttpStatusCode.OK];
    private static readonly HttpStatusCode[] _okOrCreated = [HttpStatusCode.OK, HttpStatusCode.Created];
    private readonly DemoClient _http = new(targets);
    private readonly List<DemoStep> _steps = [];
    private int _number;

    /// <summary>Enrols the demo patients at the hospital (`make run` does this; enrolled already is fine).</summary>
    public async Task AdmitPatientsAsync(CancellationToken cancellationToken)
    {
        foreach (var patient in DemoUsers.Patients)
        {
            var enrolled = await _http.SendAsync(DemoUsers.DrHouse, HttpMethod.Post, $"/api/patients/{patient.Name}/enrollment", null, [HttpStatusCode.Created, HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
            Say(enrolled.Status == HttpStatusCode.Created
                ? $"{patient.Name} enrolled at the hospital ({targets.MspId(DemoOrg.Hospital)}) by {DemoUsers.DrHouse.Name}"
                : $"{patient.Name} is enrolled at the hospital already");
        }
    }

    /// <summary>Runs the whole story; the steps and how each ended.</summary>
    public async Task<IReadOnlyList<DemoStep>> RunAsync(CancellationToken cancellationToken)
    {
        var run = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var recordId = $"lab-{run}";
        var emergencyRecordId = $"ecg-{run}";
        var alice = DemoUsers.PatientAlice;
        var content = Encoding.UTF8.GetBytes($"Lab result for {alice.Name}: HbA1c 6.1 %, fasting glucose 5.9 mmol/L (demo run {run}).");

        Title("Admission: the hospital enrols its patients on the ledger");
        await AdmitPatientsAsync(cancellationToken).ConfigureAwait(false);
        Done();

        Title("A record stored and anchored");
        await StoreAsync(DemoUsers.DrHouse, recordId, alice, "lab-result", content, cancellationToken).ConfigureAwait(false);
        var anchor = (await _http.GetAsync(DemoUsers.DrHouse, $"/api/records/{recordId}", _ok, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"on-chain anchor: version {anchor.GetProperty("version")}, SHA-256 {anchor.GetProperty("sha256").GetString()}, custodian {anchor.GetProperty("custodianMspId").GetString()}, tx {Short(anchor.GetProperty("txId").GetString())}");
        await ReadAsync(DemoUsers.DrHouse, recordId, HttpStatusCode.OK, content, cancellationToken).ConfigureAwait(false);
        Done();

        Title("Another organization is refused, then allowed by the patient's consent");
        await ReadAsync(DemoUsers.Pharmacist, recordId, HttpStatusCode.Forbidden, null, cancellationToken).ConfigureAwait(false);
        var consent = (await _http.PostJsonAsync(alice, $"/api/patients/{alice.Name}/consents", new
        {
            granteeMspId = targets.MspId(DemoOrg.Pharmacy),
            recordIds = new[] { recordId },
            purpose = _purpose,
            end = DateTimeOffset.UtcNow.AddDays(30),
        }, _created, cancellationToken).ConfigureAwait(false)).Json!.Value.GetProperty("consent");
        Say($"{alice.Name} consents: {targets.MspId(DemoOrg.Pharmacy)} may read {recordId} for {_purpose} until {consent.GetProperty("period").GetProperty("end")} (consent {consent.GetProperty("consentId").GetString()})");
        var grant = (await _http.PostJsonAsync(DemoUsers.DrHouse, $"/api/records/{recordId}/grants", new { mspId = targets.MspId(DemoOrg.Pharmacy) }, _ok, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"the hospital wraps the record's key for {grant.GetProperty("mspId").GetString()} (grant recorded on chain, tx {Short(grant.GetProperty("transactionId").GetString())})");
        await ReadAsync(DemoUsers.Pharmacist, recordId, HttpStatusCode.OK, content, cancellationToken).ConfigureAwait(false);
        Done();

        Title("The patient's access log: every read attempt, allowed or not, committed on chain");
        var log = (await _http.GetAsync(alice, $"/api/patients/{alice.Name}/access-log", _ok, cancellationToken).ConfigureAwait(false)).Json!.Value;
        foreach (var entry in log.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("recordId").GetString() == recordId))
        {
            var requester = entry.GetProperty("requester");
            var time = entry.TryGetProperty("time", out var at) && at.TryGetDateTimeOffset(out var parsed)
                ? parsed.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
                : "?";
            Say($"{time}  {requester.GetProperty("personId").GetString()} ({requester.GetProperty("mspId").GetString()}): {entry.GetProperty("decision").GetString()} ({Text(entry, "reason")})");
        }

        // The regulator audits the same log through its own service (its organization has no peer of its own).
        var audited = (await _http.GetAsync(DemoUsers.Regulator, $"/api/patients/{alice.Name}/access-log", _ok, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"{DemoUsers.Regulator.Name} ({targets.MspId(DemoOrg.Regulator)}) audits the same log: {audited.GetProperty("items").GetArrayLength()} entries for {alice.Name}");
        Done();

        await PrescriptionAsync(alice, cancellationToken).ConfigureAwait(false);
        await EmergencyAsync(emergencyRecordId, cancellationToken).ConfigureAwait(false);

        Title("A tampered blob is detected");
        await targets.TamperAsync(recordId, cancellationToken).ConfigureAwait(false);
        Say($"someone with access to the storage account changes one byte of {recordId}'s stored ciphertext");
        var tampered = await _http.GetAsync(DemoUsers.DrHouse, $"/api/records/{recordId}/content?purpose={_purpose}", [HttpStatusCode.BadGateway], cancellationToken).ConfigureAwait(false);
        Say($"{DemoUsers.DrHouse.Name} reads it: {(int)tampered.Status}, nothing released: {tampered.Problem}");
        // /verify recomputes the blob's SHA-256 against the anchor.
        var verified = await _http.GetAsync(DemoUsers.DrHouse, $"/api/records/{recordId}/verify", _ok, cancellationToken).ConfigureAwait(false);
        Say($"verify against the anchor: {verified.Text}");
        Done();

        Title("Erasure: the record's keys are destroyed, the anchor stays as proof");
        var erasureRequest = (await _http.PostJsonAsync(alice, $"/api/records/{recordId}/erasure-request", new { }, _created, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"{alice.Name} asks for the record's erasure (request on chain, tx {Short(erasureRequest.GetProperty("transactionId").GetString())})");
        var erased = (await _http.SendAsync(DemoUsers.HospitalSystem, HttpMethod.Delete, $"/api/records/{recordId}", null, _ok, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"{DemoUsers.HospitalSystem.Name} (the hospital's service identity) erases {recordId}: {erased.GetProperty("destroyedKeys")} wrapped keys destroyed at {erased.GetProperty("erasedAt")} (tx {Short(erased.GetProperty("transactionId").GetString())})");
        var gone = await _http.GetAsync(DemoUsers.DrHouse, $"/api/records/{recordId}/content?purpose={_purpose}", [HttpStatusCode.Gone], cancellationToken).ConfigureAwait(false);
        Say($"reading it now: {(int)gone.Status} {gone.Status}");
        Done();

        transcript.WriteLine();
        transcript.WriteLine($"The story is complete: {_steps.Count} steps.");
        return _steps;
    }

    private async Task PrescriptionAsync(DemoUser patient, CancellationToken cancellationToken)
    {
        Title("A prescription issued and dispensed once");
        var issued = await _http.PostJsonAsync(DemoUsers.DrHouse, "/api/prescriptions", new
        {
            patientId = patient.Name,
            medication = new { system = "http://www.nlm.nih.gov/research/umls/rxnorm", code = "860975", display = "metformin hydrochloride 500 MG Oral Tablet" },
            dosage = new { text = "1 tablet twice a day with meals" },
            quantity = new { value = 60, unit = "tablet" },
            numberOfRepeatsAllowed = 0,
            validityPeriod = new { end = DateTimeOffset.UtcNow.AddDays(30) },
            designatedPharmacyMspId = targets.MspId(DemoOrg.Pharmacy),
        }, _created, cancellationToken).ConfigureAwait(false);

        var prescription = issued.Json!.Value.TryGetProperty("prescription", out var inner) ? inner : issued.Json!.Value;
        var prescriptionId = prescription.GetProperty("prescriptionId").GetString()!;
        Say($"{DemoUsers.DrHouse.Name} prescribes metformin 500 mg to {patient.Name} at {targets.MspId(DemoOrg.Pharmacy)}: {prescriptionId}");
        var dispensed = await _http.PostJsonAsync(DemoUsers.Pharmacist, $"/api/prescriptions/{prescriptionId}/dispenses", new { }, _okOrCreated, cancellationToken).ConfigureAwait(false);
        Say($"{DemoUsers.Pharmacist.Name} dispenses it: {(int)dispensed.Status} {dispensed.Status}");
        var again = await _http.PostJsonAsync(DemoUsers.Pharmacist, $"/api/prescriptions/{prescriptionId}/dispenses", new { }, [HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
        Say($"a second dispense of the same fill is refused: {(int)again.Status} {again.Problem}");
        Done();
    }

    private async Task EmergencyAsync(string recordId, CancellationToken cancellationToken)
    {
        Title("An emergency access, seen by the regulator");
        var bob = DemoUsers.PatientBob;
        await StoreAsync(DemoUsers.DrHouse, recordId, bob, "ecg", Encoding.UTF8.GetBytes($"ECG of {bob.Name}: sinus rhythm, 72 bpm."), cancellationToken).ConfigureAwait(false);
        var access = await _http.PostJsonAsync(DemoUsers.DrGrey, $"/api/records/{recordId}/emergency-access", new
        {
            reasonCode = "patient-unconscious",
            reasonText = "Brought in unconscious by ambulance; no consent can be asked.",
        }, _ok, cancellationToken).ConfigureAwait(false);

        Say($"{DemoUsers.DrGrey.Name} breaks the glass (patient-unconscious) and reads {recordId}: {access.Body.Length} bytes");
        var seen = await _http.GetAsync(DemoUsers.Regulator, "/api/emergency-accesses", _ok, cancellationToken).ConfigureAwait(false);

        if (!seen.Text.Contains(recordId, StringComparison.Ordinal))
        {
            throw new DemoFailedException($"the regulator's list of emergency accesses does not name {recordId}: {seen.Text}");
        }

        Say($"{DemoUsers.Regulator.Name} ({targets.MspId(DemoOrg.Regulator)}) sees the emergency access to {recordId}");
        Done();
    }

    private async Task StoreAsync(DemoUser doctor, string recordId, DemoUser patient, string recordType, byte[] content, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var stored = (await _http.SendAsync(doctor, HttpMethod.Put, $"/api/records/{recordId}?patientId={patient.Name}&recordType={recordType}", body, _created, cancellationToken).ConfigureAwait(false)).Json!.Value;
        Say($"{doctor.Name} stores {recordType} {recordId} for {patient.Name} ({content.Length} bytes): encrypted into blob storage, anchored on chain in block {stored.GetProperty("blockNumber")} (tx {Short(stored.GetProperty("transactionId").GetString())})");
    }

    private async Task ReadAsync(DemoUser reader, string recordId, HttpStatusCode expected, byte[]? content, CancellationToken cancellationToken)
    {
        var read = await _http.GetAsync(reader, $"/api/records/{recordId}/content?purpose={_purpose}", [expected], cancellationToken).ConfigureAwait(false);
        if (content is not null && !read.Body.AsSpan().SequenceEqual(content))
        {
            throw new DemoFailedException($"{reader.Name} read {recordId} but got other bytes than were stored");
        }

        Say(expected == HttpStatusCode.OK
            ? $"{reader.Name} ({targets.MspId(reader.Org)}) reads {recordId}: {read.Body.Length} bytes, as stored"
            : $"{reader.Name} ({targets.MspId(reader.Org)}) reads {recordId}: {(int)read.Status} {read.Status}: {read.Problem}");
    }

    private void Title(string title)
    {
        _number++;
        transcript.WriteLine();
        transcript.WriteLine($"[{_number}] {title}");
        _steps.Add(new DemoStep(title));
    }

    private void Done() => transcript.WriteLine("    => done");

    private void Say(string line) => transcript.WriteLine($"    {line}");

    private static string Short(string? id) => id is { Length: > 12 } ? id[..12] + "…" : id ?? "?";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
