using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary><c>RecordAnchor:ListByPatient</c>: who may list a patient's records, and what each item shows.</summary>
public sealed class PatientRecordListTests
{
    private static readonly DateTimeOffset _later = T0.AddMinutes(30);

    [Fact]
    public async Task ListByPatient_PatientDelegateAndRegulator_SeeEveryRecord_TheRegulatorWithoutTypes()
    {
        var net = await WithRecordsAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:AddDelegate", Ids.PatientId, Ids.Hospital2, Ids.Guardian.Attributes["medchain.id"]);

        var byPatient = await net.EvaluateOkAsync(Ids.Patient, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");
        var byDelegate = await net.EvaluateOkAsync(Ids.Guardian, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");
        var byRegulator = await net.EvaluateOkAsync(Ids.RegulatorPerson, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");

        var items = byPatient["items"].Items().ToList();
        Assert.Equal(["rec-001", "rec-002"], items.Select(i => (string)i["recordId"]!));
        var superseded = items[0];
        Assert.Equal(2, (int)superseded["version"]!);
        Assert.Equal(Requests.Sha2, (string?)superseded["sha256"]);
        Assert.Equal(1, (int)superseded["supersedes"]!);
        Assert.Equal(Ids.Hospital, (string?)superseded["custodianMspId"]);
        Assert.Equal(Requests.RecordType, (string?)superseded["recordType"]);
        Assert.Equal("dr-alice", (string?)Assert.Single(superseded["signOffs"].Items())["doctor"]!["personId"]);
        Assert.Empty(items[1]["signOffs"].Items());
        Assert.All(items, i => Assert.Null(i["blobRef"]));
        Assert.Equal(byPatient.ToString(), byDelegate.ToString());
        Assert.Equal(["rec-001", "rec-002"], byRegulator["items"].Items().Select(i => (string)i["recordId"]!));
        Assert.All(byRegulator["items"].Items(), i => Assert.Null(i["recordType"]));
    }

    [Fact]
    public async Task ListByPatient_StaffWithAConsentInForce_SeeOnlyTheRecordsItCovers()
    {
        var net = await WithRecordsAsync();
        var consent = Requests.Consent(Ids.Hospital2);
        consent["scope"] = new JsonObject { ["recordIds"] = new JsonArray("rec-002") };
        var granted = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", consent.Json());

        var listed = await net.EvaluateOkAsync(Ids.Doctor2, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");
        await net.SubmitOkAsync(Ids.Patient, _later, "Consent:Revoke", Ids.PatientId, (string)granted["consentId"]!);
        var afterRevocation = await net.EvaluateAsync(Ids.Doctor2, _later.AddMinutes(1), "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");

        var item = Assert.Single(listed["items"].Items());
        Assert.Equal("rec-002", (string?)item["recordId"]);
        Assert.Equal(Requests.RecordType, (string?)item["recordType"]);
        Assert.Equal(403, afterRevocation.Status);
        Assert.Empty(afterRevocation.Payload);
    }

    [Theory]
    [InlineData("custodian doctor without a consent")]
    [InlineData("stranger")]
    [InlineData("other patient")]
    [InlineData("expired consent")]
    public async Task ListByPatient_WithoutAConsentInForce_Forbidden(string who)
    {
        var net = await WithRecordsAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Pharmacy, end: T0.AddMinutes(10)).Json());
        var caller = who switch
        {
            "custodian doctor without a consent" => Ids.Doctor,
            "stranger" => Ids.Doctor2,
            "other patient" => Ids.OtherPatient,
            _ => Ids.Pharmacist,
        };

        var response = await net.EvaluateAsync(caller, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");

        Assert.Equal(403, response.Status);
        Assert.StartsWith("forbidden: ", response.Message, StringComparison.Ordinal);
        Assert.Empty(response.Payload);
    }

    [Fact]
    public async Task ListByPatient_ErasedRecord_StaysListedAsErased()
    {
        var net = await WithRecordsAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "RecordAnchor:RequestErasure", "rec-002");
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "RecordAnchor:Erase", "rec-002");

        var listed = await net.EvaluateOkAsync(Ids.Patient, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "10", "");

        var erased = listed["items"].Items().Single(i => (string?)i["recordId"] == "rec-002");
        Assert.True((bool)erased["erased"]!);
        Assert.NotNull(erased["erasedAt"]);
    }

    [Fact]
    public async Task ListByPatient_Paged_TheBookmarkContinuesWithinThePatient()
    {
        var net = await WithRecordsAsync();

        var first = await net.EvaluateOkAsync(Ids.Patient, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "1", "");
        var second = await net.EvaluateOkAsync(Ids.Patient, _later, "RecordAnchor:ListByPatient", Ids.PatientId, "1", (string)first["bookmark"]!);

        Assert.Equal("rec-001", (string?)Assert.Single(first["items"].Items())["recordId"]);
        Assert.Equal("rec-002", (string?)Assert.Single(second["items"].Items())["recordId"]);
        Assert.Equal(string.Empty, (string?)second["bookmark"]);
    }

    /// <summary>Two records of the patient (the first superseded and signed off) and one of another patient.</summary>
    private static async Task<TestNetwork> WithRecordsAsync()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor("rec-002").Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor("rec-other", Ids.OtherPatientId).Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Supersede", new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 5, ["blobRef"] = "records/v2", ["keyId"] = "k2" }.Json());
        await net.SubmitOkAsync(Ids.Doctor, T0, "RecordAnchor:SignOff", Requests.RecordId, "0");
        return net;
    }
}
