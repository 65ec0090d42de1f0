using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;

namespace MedChain.Contracts.Tests;

/// <summary>Bad input at the boundary: a clear error naming the problem, and nothing written.</summary>
public sealed class BadInputTests
{
    private static string Consent(Action<JsonObject> change)
    {
        var json = Requests.Consent();
        change(json);
        return json.Json();
    }

    private static string Rx(Action<JsonObject> change)
    {
        var json = Requests.Prescription();
        change(json);
        return json.Json();
    }

    private static string Anchor(Action<JsonObject> change)
    {
        var json = Requests.Anchor("rec-new");
        change(json);
        return json.Json();
    }

    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "patient", ["Consent:Grant", Consent(j => j.Remove("patientId"))], "invalid request.patientId: is missing" },
        { "patient", ["Consent:Grant", Consent(j => j["patientId"] = "john-smith")], "invalid request.patientId: 'john-smith' is not 'pat-'" },
        { "patient", ["Consent:Grant", Consent(j => j["purpose"] = "marketing")], "invalid request.purpose: unknown value 'marketing' (one of: treatment, emergency" },
        { "patient", ["Consent:Grant", Consent(j => j["patientName"] = "John Smith")], "invalid request.patientName: is not a known field" },
        { "patient", ["Consent:Grant", Consent(j => j["grantee"]!["mspId"] = "Org9MSP")], "invalid request.grantee.mspId: 'Org9MSP' is not a registered organization" },
        { "patient", ["Consent:Grant", Consent(j => j["scope"] = new JsonObject())], "invalid request.scope: must name at least one record type or record id" },
        { "patient", ["Consent:Grant", Consent(j => j["scope"]!["recordTypes"] = new JsonArray("Lab Result"))], "invalid request.scope.recordTypes[0]: 'Lab Result' is not a lowercase code" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["start"] = "2030-02-01T00:00:00Z", ["end"] = "2030-01-15T00:00:00Z" })], "invalid request.period.end: must be after the start" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["start"] = "2029-01-01T00:00:00Z", ["end"] = "2029-12-31T00:00:00Z" })], "invalid request.period.end: must be after the transaction time" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["end"] = "2030-03-01T00:00:00" })], "invalid request.period.end: '2030-03-01T00:00:00' is not an ISO 8601 time with an offset" },
        { "patient", ["Consent:Grant", "{not json"], "invalid request: is not valid JSON" },
        { "patient", ["Consent:Grant", "[1,2]"], "invalid request: must be a JSON object" },
        { "patient", ["Consent:Revoke", Ids.PatientId, "consent-1"], "invalid consentId: 'consent-1' is not 'cns-' followed by a transaction id" },
        { "patient", ["Consent:Grant", Consent(j => j["patientId"] = Ids.PatientId + "\n")], "invalid request.patientId: 'pat-0123456789abcdef0123456789abcdef\\u000a' is not 'pat-'" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["end"] = "Tue 10:00Z" })], "invalid request.period.end: 'Tue 10:00Z' is not an ISO 8601 time" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["end"] = "2030-03-01" })], "invalid request.period.end: '2030-03-01' is not an ISO 8601 time" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["end"] = " 2030-03-01T00:00:00Z" })], "invalid request.period.end: ' 2030-03-01T00:00:00Z' is not an ISO 8601 time" },
        { "patient", ["Consent:Grant", Consent(j => j["period"] = new JsonObject { ["end"] = "2030-03-01T00:00Z" })], "invalid request.period.end: '2030-03-01T00:00Z' is not an ISO 8601 time" },
        { "patient", ["Consent:Grant", Requests.Consent().Json().Replace("\"purpose\":\"treatment\"", "\"purpose\":\"treatment\",\"purpose\":\"research\"", StringComparison.Ordinal)], "invalid request: is not valid JSON (Property with the name 'purpose' already exists" },
        { "doctor", ["Consent:CheckAccess", Requests.RecordId + "\n", "treatment"], "invalid recordId: 'rec-001\\u000a' is not 1 to 128" },
        { "doctor", ["Consent:EmergencyAccess", Requests.RecordId, "resuscitation", "cardiac arrest", "emergency-reason-0001"], "invalid reasonDocumentSha256: 'cardiac arrest' is not" },
        { "doctor", ["Consent:EmergencyAccess", Requests.RecordId, "curiosity", Wire.ReasonDocument("cardiac arrest"), "emergency-reason-0001"], "invalid reasonCode: unknown value 'curiosity' (one of: patient-unconscious, life-threatening, resuscitation, poisoning, other)" },
        { "doctor", ["Prescription:Issue", Rx(j => j["dosage"]!["text"] = "1 tablet \u202edaily")], "invalid request.dosage.text: must not contain control or format characters (U+202E at 9)" },
        { "doctor", ["Prescription:Issue", Rx(j => j["medication"]!["display"] = "Amlodipine\u0007")], "invalid request.medication.display: must not contain control or format characters (U+0007 at 10)" },
        { "doctor", ["Consent:CheckAccess", Requests.RecordId, "curiosity"], "invalid purpose: unknown value 'curiosity'" },
        { "doctor", ["Consent:CheckAccess", "rec 001", "treatment"], "invalid recordId: 'rec 001' is not 1 to 128" },
        { "doctor", ["Consent:CheckAccess", "rec-unknown", "treatment"], "not found: record 'rec-unknown' is not anchored" },
        { "doctor", ["Consent:EmergencyAccess", Requests.RecordId, "other", Wire.ReasonDocument("x").ToUpperInvariant(), "emergency-reason-0001"], "invalid reasonDocumentSha256: '" },
        { "patient", ["Consent:ListByPatient", Ids.PatientId, "0", ""], "invalid pageSize: must be between 1 and 100" },
        { "patient", ["Consent:ListByPatient", Ids.PatientId, "101", ""], "invalid pageSize: must be between 1 and 100" },
        { "patient", ["Consent:ListByPatient", Ids.PatientId, "ten", ""], "invalid pageSize: is not valid JSON" },
        { "patient", ["Consent:ListByPatient", Ids.PatientId, "10"], "expects 3 arguments (patientId, pageSize, bookmark) but was given 2" },
        { "doctor", ["Prescription:Issue", Rx(j => j["dosage"]!["text"] = new string('x', 501))], "invalid request.dosage.text: is longer than 500 characters" },
        { "doctor", ["Prescription:Issue", Rx(j => j["dosage"]!["periodUnit"] = "fortnight")], "invalid request.dosage.periodUnit: unknown value 'fortnight' (one of: s, min, h, d, wk, mo, a)" },
        { "doctor", ["Prescription:Issue", Rx(j => j["medication"]!["system"] = "rxnorm")], "invalid request.medication.system: 'rxnorm' is not an absolute URI" },
        { "doctor", ["Prescription:Issue", Rx(j => j["medication"]!.AsObject().Remove("code"))], "invalid request.medication.code: is missing" },
        { "doctor", ["Prescription:Issue", Rx(j => j["numberOfRepeatsAllowed"] = -1)], "invalid request.numberOfRepeatsAllowed: must be between 0 and 99" },
        { "doctor", ["Prescription:Issue", Rx(j => j["quantity"]!["value"] = 0)], "invalid request.quantity.value: must be greater than 0" },
        { "doctor", ["Prescription:Issue", Rx(j => j["quantity"]!["value"] = "thirty")], "invalid request.quantity.value: must be a number" },
        { "doctor", ["Prescription:Issue", Rx(j => j["designatedPharmacyMspId"] = Ids.Hospital2)], "invalid request.designatedPharmacyMspId: 'Org4MSP' is not a registered pharmacy" },
        { "pharmacist", ["Prescription:Dispense", "order-17"], "invalid prescriptionId: 'order-17' is not 'rx-' followed by a transaction id" },
        { "pharmacist", ["Prescription:Dispense", "rx-" + new string('0', 64)], "not found: prescription 'rx-0000" },
        { "hospital-service", ["RecordAnchor:Anchor", Anchor(j => j["sha256"] = new string('A', 64))], "invalid request.sha256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…' is not 64 lowercase hex digits" },
        { "hospital-service", ["RecordAnchor:Anchor", Anchor(j => j["size"] = -1)], "invalid request.size: must be between 0 and" },
        { "hospital-service", ["RecordAnchor:Anchor", Anchor(j => j.Remove("keyId"))], "invalid request.keyId: is missing" },
        { "hospital-service", ["RecordAnchor:Anchor", Anchor(j => j["clinicalNote"] = "fracture")], "invalid request.clinicalNote: is not a known field" },
        { "hospital-service", ["RecordAnchor:Anchor", Anchor(j => j["blobRef"] = new string('b', 513))], "invalid request.blobRef: is longer than 512 characters" },
        { "doctor", ["RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "-1"], "invalid version: must be between 0 (current) and 999999" },
        { "doctor", ["RecordAnchor:SignOff", Requests.RecordId, "7"], "not found: version 7 of record 'rec-001' (latest is 1)" },
        { "regulator-service", ["Admin:ConfigureOrganizations", """{"organizations":[{"mspId":"RegulatorMSP","kind":"insurer"}]}"""], "invalid request.organizations[0].kind: unknown value 'insurer'" },
        { "regulator-service", ["Admin:ConfigureOrganizations", """{"organizations":[{"mspId":"RegulatorMSP","kind":"regulator"},{"mspId":"RegulatorMSP","kind":"hospital"}]}"""], "invalid request.organizations: lists 'RegulatorMSP' twice" },
        { "regulator-service", ["Admin:ConfigureOrganizations", """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"}]}"""], "invalid request.organizations: must list a 'regulator' organization" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Transaction_BadInput_ClearErrorAndNothingWritten(string role, string[] args, string expected)
    {
        var scenario = await Scenario.CreateAsync();
        var before = scenario.Net.Snapshot();

        var simulated = await scenario.Net.SimulateAsync(Ids.ByRole[role], Scenario.Now, args);
        var submitted = await scenario.Net.SubmitAsync(Ids.ByRole[role], Scenario.Now, args);

        Assert.False(simulated.Response.IsSuccess);
        Assert.InRange(simulated.Response.Status, 400, 499);
        Assert.Contains(expected, simulated.Response.Message, StringComparison.Ordinal);
        Assert.Empty(simulated.WriteSet);
        Assert.Null(simulated.Event);
        Assert.Null(submitted.ValidationCode);
        Assert.Equal(before, scenario.Net.Snapshot());
    }
}
