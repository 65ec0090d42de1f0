using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

public sealed class RecordAnchorContractTests
{
    [Fact]
    public async Task Anchor_ByHospitalService_StoresVersionOneWithTxTimeAndEmitsEvent()
    {
        var net = await CreateAsync();
        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(1), "RecordAnchor:Anchor", Requests.Anchor().Json());

        Assert.True(result.IsValid, result.Response.Message);
        var anchor = Parse(result.Response);
        Assert.Equal(1, (int)anchor["version"]!);
        Assert.Equal(Ids.Hospital, (string?)anchor["custodianMspId"]);
        Assert.Equal(T0.AddMinutes(1), (DateTimeOffset)anchor["anchoredAt"]!);
        Assert.Equal(result.TxId, (string?)anchor["txId"]);
        Assert.Equal("RecordAnchored", result.Event?.EventName);
        var payload = JsonNode.Parse(result.Event!.Payload.ToStringUtf8())!.AsObject();
        Assert.Null(payload["blobRef"]);
        Assert.Null(payload["keyId"]);
    }

    [Fact]
    public async Task Anchor_SameRecordIdTwice_ConflictAndNothingWritten()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        var before = net.Snapshot();

        var second = await net.SimulateAsync(Ids.Doctor, T0.AddMinutes(1), "RecordAnchor:Anchor", Requests.Anchor(sha: Requests.Sha2).Json());

        Assert.False(second.Response.IsSuccess);
        Assert.Contains("already anchored", second.Response.Message, StringComparison.Ordinal);
        Assert.Empty(second.WriteSet);
        Assert.Equal(before, net.Snapshot());
    }

    [Fact]
    public async Task Verify_MatchingAndOtherHash_TellsWhichMatches()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var match = await net.EvaluateOkAsync(Ids.Pharmacist, T0, "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");
        var other = await net.EvaluateOkAsync(Ids.Pharmacist, T0, "RecordAnchor:Verify", Requests.RecordId, Requests.Sha2, "0");

        Assert.True((bool)match["matches"]!);
        Assert.False((bool)other["matches"]!);
        Assert.Null(match["patientId"]);
    }

    [Fact]
    public async Task Supersede_ByCustodian_KeepsVersionChain()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        var update = new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 2048, ["blobRef"] = "records/rec-001-v2", ["keyId"] = "k2" };

        var v2 = await net.SubmitOkAsync(Ids.Doctor, T0.AddHours(1), "RecordAnchor:Supersede", update.Json());

        Assert.Equal(2, (int)v2["version"]!);
        Assert.Equal(1, (int)v2["supersedes"]!);
        Assert.Equal(Ids.PatientId, (string?)v2["patientId"]);
        var v1 = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "RecordAnchor:Get", Requests.RecordId, "1");
        Assert.Equal(2, (int)v1["supersededBy"]!);
        var current = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "RecordAnchor:Verify", Requests.RecordId, Requests.Sha2, "0");
        Assert.True((bool)current["matches"]!);
        Assert.Equal(2, (int)current["version"]!);
        var versions = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddHours(1), "RecordAnchor:ListVersions", Requests.RecordId, "10", "");
        Assert.Equal([1, 2], versions["items"]!.Items().Select(i => (int)i["version"]!));
    }

    [Fact]
    public async Task Supersede_ByOtherHospital_Forbidden()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        var update = new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 1, ["blobRef"] = "x", ["keyId"] = "k" };

        var result = await net.SubmitAsync(Ids.Hospital2Service, T0, "RecordAnchor:Supersede", update.Json());

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("custodian", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOff_TwoDoctorsOnceEach_SecondSignOffOfSameDoctorRejected()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var first = await net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(1), "RecordAnchor:SignOff", Requests.RecordId, "0");
        await net.SubmitOkAsync(Ids.Doctor3, T0.AddMinutes(2), "RecordAnchor:SignOff", Requests.RecordId, "1");
        var again = await net.SubmitAsync(Ids.Doctor, T0.AddMinutes(3), "RecordAnchor:SignOff", Requests.RecordId, "0");

        Assert.Equal(Requests.Sha, (string?)first["sha256"]);
        Assert.Equal(409, again.Response.Status);
        Assert.Contains("already signed off", again.Response.Message, StringComparison.Ordinal);
        var list = await net.EvaluateOkAsync(Ids.Patient, T0.AddMinutes(4), "RecordAnchor:ListSignOffs", Requests.RecordId, "0", "10", "");
        Assert.Equal(["dr-alice", "dr-frank"], list["items"]!.Items().Select(i => (string)i["doctor"]!["personId"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SignOff_ConcurrentByDifferentDoctors_BothCommit()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var a = await net.SimulateAsync(Ids.Doctor, T0.AddMinutes(1), "RecordAnchor:SignOff", Requests.RecordId, "1");
        var b = await net.SimulateAsync(Ids.Doctor3, T0.AddMinutes(1), "RecordAnchor:SignOff", Requests.RecordId, "1");

        Assert.True(net.Tester.Commit(a).IsValid);
        Assert.True(net.Tester.Commit(b).IsValid);
    }

    [Fact]
    public async Task Erase_ByCustodian_FlagsAllVersionsAndAnchorStays()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        await net.SubmitOkAsync(Ids.Patient, T0.AddDays(1), "RecordAnchor:RequestErasure", Requests.RecordId);
        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddDays(1), "RecordAnchor:Erase", Requests.RecordId);

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("RecordErased", result.Event?.EventName);
        var anchor = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddDays(2), "RecordAnchor:Get", Requests.RecordId, "0");
        Assert.True((bool)anchor["erased"]!);
        Assert.Equal(Requests.Sha, (string?)anchor["sha256"]);
        var verify = await net.EvaluateOkAsync(Ids.Pharmacist, T0.AddDays(2), "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");
        Assert.True((bool)verify["matches"]!);
        Assert.True((bool)verify["erased"]!);
        var again = await net.SubmitAsync(Ids.HospitalService, T0.AddDays(3), "RecordAnchor:Erase", Requests.RecordId);
        Assert.Equal(409, again.Response.Status);
        var signOff = await net.SubmitAsync(Ids.Doctor, T0.AddDays(3), "RecordAnchor:SignOff", Requests.RecordId, "0");
        Assert.Contains("erased", signOff.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutConsent_ForbiddenAndWithConsent_Allowed()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var denied = await net.EvaluateAsync(Ids.Doctor2, T0.AddMinutes(1), "RecordAnchor:Get", Requests.RecordId, "0");
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(2), "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        var allowed = await net.EvaluateAsync(Ids.Doctor2, T0.AddMinutes(3), "RecordAnchor:Get", Requests.RecordId, "0");

        Assert.Equal(403, denied.Status);
        Assert.Contains("consent", denied.Message, StringComparison.Ordinal);
        Assert.True(allowed.IsSuccess, allowed.Message);
    }
}
