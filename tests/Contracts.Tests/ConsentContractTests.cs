using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

public sealed class ConsentContractTests
{
    private static async Task<TestNetwork> WithRecordAsync()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        return net;
    }

    [Fact]
    public async Task Grant_ByPatient_ActiveConsentWithSortedScopeAndEvent()
    {
        var net = await CreateAsync();
        var request = Requests.Consent();
        request["scope"] = new JsonObject { ["recordTypes"] = new JsonArray("lab-result", "imaging", "lab-result"), ["recordIds"] = new JsonArray("rec-9") };

        var result = await net.SubmitAsync(Ids.Patient, T0, "Consent:Grant", request.Json());

        Assert.True(result.IsValid, result.Response.Message);
        var consent = Parse(result.Response);
        Assert.Equal("cns-" + result.TxId, (string?)consent["consentId"]);
        Assert.Equal("active", (string?)consent["status"]);
        Assert.Null(consent["scope"]);
        var read = await net.EvaluateOkAsync(Ids.Patient, T0, "Consent:Get", Ids.PatientId, (string)consent["consentId"]!);
        Assert.Equal(["imaging", "lab-result"], read["scope"]!["recordTypes"]!.Items().Select(t => (string)t!));
        Assert.Equal(T0, (DateTimeOffset)consent["period"]!["start"]!);
        Assert.Equal("ConsentGranted", result.Event?.EventName);
    }

    [Fact]
    public async Task Grant_ForAnotherPatient_Forbidden()
    {
        var net = await CreateAsync();

        var result = await net.SubmitAsync(Ids.OtherPatient, T0, "Consent:Grant", Requests.Consent().Json());

        Assert.Equal(403, result.Response.Status);
        Assert.Contains(Ids.PatientId, result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_ByDelegate_AllowedUntilRemoved()
    {
        var net = await CreateAsync();
        var guardianId = Ids.Guardian.Attributes["medchain.id"];
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:AddDelegate", Ids.PatientId, Ids.Hospital2, guardianId);

        var byDelegate = await net.SubmitAsync(Ids.Guardian, T0.AddMinutes(1), "Consent:Grant", Requests.Consent().Json());
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(2), "Consent:RemoveDelegate", Ids.PatientId, Ids.Hospital2, guardianId);
        var afterRemoval = await net.SubmitAsync(Ids.Guardian, T0.AddMinutes(3), "Consent:Grant", Requests.Consent().Json());

        Assert.True(byDelegate.IsValid, byDelegate.Response.Message);
        Assert.Equal(guardianId, (string?)Parse(byDelegate.Response)["grantedBy"]!["personId"]);
        Assert.Equal(403, afterRemoval.Response.Status);
    }

    [Fact]
    public async Task Revoke_ThenCheckAccess_DeniedAndSecondRevokeConflicts()
    {
        var net = await WithRecordAsync();
        var consent = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        var id = (string)consent["consentId"]!;

        var before = await net.SubmitOkAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, "treatment");
        var revoked = await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(2), "Consent:Revoke", Ids.PatientId, id);
        var after = await net.SubmitOkAsync(Ids.Doctor2, T0.AddMinutes(3), "Consent:CheckAccess", Requests.RecordId, "treatment");
        var again = await net.SubmitAsync(Ids.Patient, T0.AddMinutes(4), "Consent:Revoke", Ids.PatientId, id);

        Assert.True((bool)before["allowed"]!);
        Assert.Equal(id, (string?)before["consentId"]);
        Assert.Equal("inactive", (string?)revoked["status"]);
        Assert.False((bool)after["allowed"]!);
        Assert.Equal("no-consent", (string?)after["reason"]);
        Assert.Equal(409, again.Response.Status);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(30 * 24 * 60, true)]
    [InlineData(30 * 24 * 60 + 1, false)]
    public async Task CheckAccess_AtTxTimeRelativeToPeriod_AllowedOnlyInside(int minutesFromStart, bool expected)
    {
        var net = await WithRecordAsync();
        var request = Requests.Consent(Ids.Hospital2, end: T0.AddDays(40));
        request["period"] = new JsonObject { ["start"] = T0.AddDays(10).ToString("o"), ["end"] = T0.AddDays(40).ToString("o") };
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", request.Json());

        var check = await net.SubmitOkAsync(Ids.Doctor2, T0.AddDays(10).AddMinutes(minutesFromStart), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.Equal(expected, (bool)check["allowed"]!);
    }

    [Theory]
    [InlineData("treatment", null, true)]
    [InlineData("research", null, false)]
    [InlineData("treatment", "dr-other", false)]
    [InlineData("treatment", "dr-bob", true)]
    public async Task CheckAccess_PurposeAndPersonOfConsent_Matched(string purpose, string? granteePerson, bool expected)
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2, personId: granteePerson).Json());

        var check = await net.SubmitOkAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, purpose);

        Assert.Equal(expected, (bool)check["allowed"]!);
    }

    [Fact]
    public async Task CheckAccess_OtherPatientOfGranteeOrganization_Denied()
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital).Json());

        var check = await net.SubmitOkAsync(Ids.OtherPatient, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.False((bool)check["allowed"]!);
        Assert.Equal("no-consent", (string?)check["reason"]);
    }

    [Fact]
    public async Task CheckAccess_WritesAccessLogEntryAndEvent_ListedForPatientAndRegulator()
    {
        var net = await WithRecordAsync();

        var result = await net.SubmitAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, "treatment");
        await net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(2), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.Equal("AccessLogged", result.Event?.EventName);
        var log = await net.EvaluateOkAsync(Ids.Patient, T0.AddMinutes(3), "Consent:ListAccessLog", Ids.PatientId, "10", "");
        var entries = log["items"]!.Items().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(result.TxId, (string?)entries[0]["entryId"]);
        Assert.Equal("denied", (string?)entries[0]["decision"]);
        Assert.Equal("dr-bob", (string?)entries[0]["requester"]!["personId"]);
        Assert.Equal("allowed", (string?)entries[1]["decision"]);
        Assert.Equal("custodian", (string?)entries[1]["reason"]);
        var regulator = await net.EvaluateAsync(Ids.RegulatorPerson, T0.AddMinutes(3), "Consent:ListAccessLog", Ids.PatientId, "10", "");
        var doctor = await net.EvaluateAsync(Ids.Doctor, T0.AddMinutes(3), "Consent:ListAccessLog", Ids.PatientId, "10", "");
        Assert.True(regulator.IsSuccess);
        Assert.Equal(403, doctor.Status);
    }

    [Fact]
    public async Task CheckAccess_ConcurrentChecksOfOnePatient_BothCommit()
    {
        var net = await WithRecordAsync();

        var a = await net.SimulateAsync(Ids.Doctor, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, "treatment");
        var b = await net.SimulateAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.True(net.Tester.Commit(a).IsValid);
        Assert.True(net.Tester.Commit(b).IsValid);
    }

    [Fact]
    public async Task EmergencyAccess_ByDoctorWithReason_AllowedLoggedAndListedForRegulator()
    {
        var net = await WithRecordAsync();

        var result = await net.SubmitAsync(Ids.Doctor2, T0.AddMinutes(5), "Consent:EmergencyAccess", Requests.RecordId, "patient-unconscious", Wire.ReasonDocument("unconscious patient in ER"), "emergency-reason-0001");

        Assert.True(result.IsValid, result.Response.Message);
        Assert.True((bool)Parse(result.Response)["allowed"]!);
        Assert.Equal("EmergencyAccess", result.Event?.EventName);
        var payload = result.Event!.Payload.ToStringUtf8();
        Assert.Contains("\"reasonCode\":\"patient-unconscious\"", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("unconscious patient in ER", payload, StringComparison.Ordinal);
        var emergencies = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddHours(1), "Consent:ListEmergencyAccesses", "10", "");
        var entry = Assert.Single(emergencies["items"].Items());
        Assert.True((bool)entry["emergency"]!);
        Assert.Null(entry["purpose"]);
        Assert.Equal(Wire.ReasonDocument("unconscious patient in ER"), (string?)entry["emergencyReasonDocumentSha256"]);
        Assert.Equal("patient-unconscious", (string?)entry["emergencyReasonCode"]);
        var log = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "Consent:ListAccessLog", Ids.PatientId, "10", "");
        Assert.Equal(result.TxId, (string?)Assert.Single(log["items"].Items())["entryId"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("cardiac arrest")]
    public async Task EmergencyAccess_WithoutReasonDocumentHash_RejectedAndNothingWritten(string reason)
    {
        var net = await WithRecordAsync();

        var result = await net.SimulateAsync(Ids.Doctor2, T0.AddMinutes(5), "Consent:EmergencyAccess", Requests.RecordId, "life-threatening", reason, "emergency-reason-0001");

        Assert.Contains("invalid reasonDocumentSha256", result.Response.Message, StringComparison.Ordinal);
        Assert.Empty(result.WriteSet);
    }

    [Fact]
    public async Task CheckAccess_ErasedRecord_DeniedEvenForPatient()
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(1), "RecordAnchor:RequestErasure", Requests.RecordId);
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "RecordAnchor:Erase", Requests.RecordId);

        var check = await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(2), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.False((bool)check["allowed"]!);
        Assert.Equal("record-erased", (string?)check["reason"]);
    }

    [Fact]
    public async Task ListByPatientAndGrantee_PagedWithBookmark()
    {
        var net = await CreateAsync();
        var granted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var consent = await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(i), "Consent:Grant", Requests.Consent(i % 2 == 0 ? Ids.Pharmacy : Ids.Hospital2).Json());
            granted.Add((string)consent["consentId"]!);
        }

        var first = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "Consent:ListByPatient", Ids.PatientId, "3", "");
        var second = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "Consent:ListByPatient", Ids.PatientId, "3", (string)first["bookmark"]!);
        var byGrantee = await net.EvaluateOkAsync(Ids.Pharmacist, T0.AddHours(1), "Consent:ListByGrantee", Ids.Pharmacy, "10", "");

        Assert.Equal(3, first["items"]!.Items().Count());
        Assert.Equal(3, (int)first["fetchedCount"]!);
        Assert.NotEqual(string.Empty, (string?)first["bookmark"]);
        Assert.Equal(2, second["items"]!.Items().Count());
        Assert.Equal(granted.Order(StringComparer.Ordinal), first["items"]!.Items().Concat(second["items"].Items()).Select(c => (string)c["consentId"]!));
        Assert.Equal(3, byGrantee["items"]!.Items().Count());
        Assert.All(byGrantee["items"].Items(), c => Assert.Equal(Ids.Pharmacy, (string?)c["grantee"]!["mspId"]));
    }
}
