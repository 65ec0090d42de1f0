using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>
/// The submitter chooses the proposal timestamp; each endorser refuses one too far from its own clock,
/// so a backdated proposal cannot dispense an expired prescription or read under an expired consent.
/// </summary>
public sealed class ClockSkewTests
{
    private static readonly DateTimeOffset _validityEnd = T0.AddDays(30);

    [Fact]
    public async Task Dispense_BackdatedIntoTheValidityPeriod_Refused()
    {
        var scenario = await Scenario.CreateAsync();
        var net = scenario.Net;
        net.Clock.Pinned = _validityEnd.AddDays(1);
        var before = net.Snapshot();

        var backdated = await net.SubmitAsync(Ids.Pharmacist, _validityEnd.AddDays(-1), "Prescription:Dispense", scenario.PrescriptionId);
        var honest = await net.SubmitAsync(Ids.Pharmacist, _validityEnd.AddDays(1), "Prescription:Dispense", scenario.PrescriptionId);

        Assert.Equal(400, backdated.Response.Status);
        Assert.StartsWith("invalid transaction timestamp: ", backdated.Response.Message, StringComparison.Ordinal);
        Assert.Contains("behind this endorser's clock", backdated.Response.Message, StringComparison.Ordinal);
        Assert.Equal(409, honest.Response.Status);
        Assert.Contains("expired", honest.Response.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Snapshot());
    }

    [Fact]
    public async Task CheckAccess_BackdatedUnderAnExpiredConsent_Refused()
    {
        var net = await TestNetwork.CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2, end: _validityEnd).Json());
        net.Clock.Pinned = _validityEnd.AddDays(1);
        var before = net.Snapshot();

        var backdated = await net.SubmitAsync(Ids.Doctor2, _validityEnd.AddDays(-1), "Consent:CheckAccess", Requests.RecordId, "treatment");
        var honest = await net.SubmitOkAsync(Ids.Doctor2, _validityEnd.AddDays(1), "Consent:CheckAccess", Requests.RecordId, "treatment");

        Assert.Equal(400, backdated.Response.Status);
        Assert.Null(backdated.ValidationCode);
        Assert.Empty(backdated.Response.Payload);
        Assert.False((bool)honest["allowed"]!);
        Assert.NotEqual(before, net.Snapshot());
    }

    [Theory]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public async Task AnyTransaction_TimestampOffTheEndorsersClock_AllowedOnlyWithinFiveMinutes(int seconds, bool allowed)
    {
        var net = await TestNetwork.CreateAsync();
        net.Clock.Pinned = T0.AddHours(1);

        var response = await net.EvaluateAsync(Ids.RegulatorPerson, T0.AddHours(1).AddSeconds(seconds), "Admin:GetOrganizations");

        Assert.Equal(allowed ? 200 : 400, response.Status);
    }

    [Fact]
    public async Task AnyTransaction_ConfiguredSkew_Applies()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());
        var clock = new TestClock(T0);
        var chaincode = MedChainChaincode.Create(options: new MedChainOptions { TimeProvider = clock, MaxClockSkew = TimeSpan.FromSeconds(30) });

        var late = await tester.EvaluateAsync(chaincode, ["Admin:GetOrganizations"], Ids.RegulatorPerson, T0.AddSeconds(-31), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(400, late.Status);
        Assert.Contains("by more than 00:00:30", late.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("", 300)]
    [InlineData("120", 120)]
    [InlineData("00:10:00", 600)]
    public void FromEnvironment_UnsetOrValid_Skew(string? value, int expectedSeconds)
    {
        var options = MedChainOptions.FromEnvironment(name => name == MedChainOptions.MaxClockSkewVariable ? value : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.MaxClockSkew);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Theory]
    [InlineData("five minutes")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2.00:00:00")]
    public void FromEnvironment_Invalid_ThrowsNamingTheVariable(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => MedChainOptions.FromEnvironment(_ => value));

        Assert.Contains(MedChainOptions.MaxClockSkewVariable, e.Message, StringComparison.Ordinal);
    }
}
