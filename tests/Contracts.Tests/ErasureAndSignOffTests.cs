using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>Erasure needs the patient's request or the regulator's order; sign-off needs the right to read a current version.</summary>
public sealed class ErasureAndSignOffTests
{
    private static async Task<TestNetwork> WithRecordAsync()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        return net;
    }

    [Fact]
    public async Task Erase_ByCustodianServiceWithoutRequest_ForbiddenAndNothingWritten()
    {
        var net = await WithRecordAsync();
        var before = net.Snapshot();

        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(1), "RecordAnchor:Erase", Requests.RecordId);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("request of its patient or an order of the regulator", result.Response.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Snapshot());
    }

    [Fact]
    public async Task Erase_OnPatientRequest_ByServiceOnlyAndRequestCompleted()
    {
        var net = await WithRecordAsync();
        var byOtherPatient = await net.SubmitAsync(Ids.OtherPatient, T0, "RecordAnchor:RequestErasure", Requests.RecordId);
        var request = await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(1), "RecordAnchor:RequestErasure", Requests.RecordId);

        var byDoctor = await net.SubmitAsync(Ids.Doctor, T0.AddMinutes(2), "RecordAnchor:Erase", Requests.RecordId);
        var byOtherHospital = await net.SubmitAsync(Ids.Hospital2Service, T0.AddMinutes(2), "RecordAnchor:Erase", Requests.RecordId);
        var erased = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(3), "RecordAnchor:Erase", Requests.RecordId);

        Assert.Equal(403, byOtherPatient.Response.Status);
        Assert.Equal("patient-request", (string?)request["basis"]);
        Assert.Equal(403, byDoctor.Response.Status);
        Assert.Equal(403, byOtherHospital.Response.Status);
        Assert.True(erased.IsValid, erased.Response.Message);
        Assert.Contains(net.Snapshot().Split('\n'), l => l.StartsWith($"|erasure-request|{Requests.RecordId}|=", StringComparison.Ordinal));
        var again = await net.SubmitAsync(Ids.Patient, T0.AddMinutes(4), "RecordAnchor:RequestErasure", Requests.RecordId);
        Assert.Equal(409, again.Response.Status);
    }

    [Fact]
    public async Task Erase_OnRegulatorOrder_Allowed()
    {
        var net = await WithRecordAsync();
        var byDoctor = await net.SubmitAsync(Ids.Doctor, T0, "RecordAnchor:OrderErasure", Requests.RecordId);
        var order = await net.SubmitOkAsync(Ids.RegulatorPerson, T0.AddMinutes(1), "RecordAnchor:OrderErasure", Requests.RecordId);

        var erased = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(2), "RecordAnchor:Erase", Requests.RecordId);

        Assert.Equal(403, byDoctor.Response.Status);
        Assert.Equal("regulator-order", (string?)order["basis"]);
        Assert.True(erased.IsValid, erased.Response.Message);
    }

    [Fact]
    public async Task SignOff_ByDoctorWhoMayNotRead_ForbiddenUntilConsented()
    {
        var net = await WithRecordAsync();

        var outsider = await net.SubmitAsync(Ids.Doctor2, T0.AddMinutes(1), "RecordAnchor:SignOff", Requests.RecordId, "0");
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(2), "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        var consented = await net.SubmitAsync(Ids.Doctor2, T0.AddMinutes(3), "RecordAnchor:SignOff", Requests.RecordId, "0");

        Assert.Equal(403, outsider.Response.Status);
        Assert.Empty(outsider.Response.Payload);
        Assert.True(consented.IsValid, consented.Response.Message);
    }

    [Fact]
    public async Task SignOff_SupersededVersion_Conflict()
    {
        var net = await WithRecordAsync();
        var v2 = Requests.Anchor();
        v2.Remove("patientId");
        v2.Remove("recordType");
        v2["sha256"] = Requests.Sha2;
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "RecordAnchor:Supersede", v2.Json());

        var old = await net.SubmitAsync(Ids.Doctor, T0.AddMinutes(2), "RecordAnchor:SignOff", Requests.RecordId, "1");
        var current = await net.SubmitAsync(Ids.Doctor, T0.AddMinutes(2), "RecordAnchor:SignOff", Requests.RecordId, "0");

        Assert.Equal(409, old.Response.Status);
        Assert.Contains("superseded by version 2", old.Response.Message, StringComparison.Ordinal);
        Assert.True(current.IsValid, current.Response.Message);
    }
}
