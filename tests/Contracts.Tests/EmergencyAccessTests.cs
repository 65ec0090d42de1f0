using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>Break-glass is bounded per doctor and day, and a denial tells the caller nothing about the patient.</summary>
public sealed class EmergencyAccessTests
{
    [Fact]
    public async Task EmergencyAccess_OverTheDailyLimit_DeniedButLogged()
    {
        var net = await CreateAsync();
        await net.ReconfigureAsync(T0, Ids.RegistryRequest.Replace("]}", "],\"emergencyAccessesPerDoctorPerDay\":2}", StringComparison.Ordinal));
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var results = new List<System.Text.Json.Nodes.JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await net.SubmitOkAsync(Ids.Doctor2, T0.AddMinutes(10 + i), "Consent:EmergencyAccess", Requests.RecordId, "life-threatening", Wire.ReasonDocument("bleeding"), "emergency-reason-0001"));
        }

        var nextDay = await net.SubmitOkAsync(Ids.Doctor2, T0.AddDays(1), "Consent:EmergencyAccess", Requests.RecordId, "life-threatening", Wire.ReasonDocument("bleeding"), "emergency-reason-0001");
        var otherDoctor = await net.SubmitOkAsync(Ids.Doctor3, T0.AddMinutes(20), "Consent:EmergencyAccess", Requests.RecordId, "life-threatening", Wire.ReasonDocument("bleeding"), "emergency-reason-0001");

        Assert.Equal([true, true, false], results.Select(r => (bool)r["allowed"]!));
        Assert.Equal("emergency-limit", (string?)results[2]["reason"]);
        Assert.Null(results[2]["patientId"]);
        Assert.True((bool)nextDay["allowed"]!);
        Assert.True((bool)otherDoctor["allowed"]!);
        var log = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddDays(1), "Consent:ListEmergencyAccesses", "10", "");
        Assert.Equal(5, log["items"]!.Items().Count());
    }

    [Fact]
    public async Task EmergencyAccess_RacingOverTheLimit_OnlyOneCommits()
    {
        var net = await CreateAsync();
        await net.ReconfigureAsync(T0, Ids.RegistryRequest.Replace("]}", "],\"emergencyAccessesPerDoctorPerDay\":1}", StringComparison.Ordinal));
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());

        var a = await net.SimulateAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:EmergencyAccess", Requests.RecordId, "other", Wire.ReasonDocument("a"), "emergency-reason-0001");
        var b = await net.SimulateAsync(Ids.Doctor2, T0.AddMinutes(1), "Consent:EmergencyAccess", Requests.RecordId, "other", Wire.ReasonDocument("b"), "emergency-reason-0001");

        Assert.True(net.Tester.Commit(a).IsValid);
        Assert.False(net.Tester.Commit(b).IsValid);
    }

    [Fact]
    public async Task CheckAccess_Denied_ReturnsNoPatientData()
    {
        var scenario = await Scenario.CreateAsync();

        var denied = await scenario.Net.SubmitOkAsync(Ids.Doctor2, Scenario.Now, "Consent:CheckAccess", Requests.RecordId, "treatment");
        var allowed = await scenario.Net.SubmitOkAsync(Ids.Doctor, Scenario.Now, "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.False((bool)denied["allowed"]!);
        Assert.Null(denied["patientId"]);
        Assert.DoesNotContain(Ids.PatientId, denied.ToString(), StringComparison.Ordinal);
        Assert.Equal(Ids.PatientId, (string?)allowed["patientId"]);
    }
}
