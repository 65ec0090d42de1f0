using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary><c>Consent:ReviewEmergencyReason</c>: a committed read of a break-glass reason, naming the reader.</summary>
public sealed class EmergencyReasonReviewTests
{
    [Fact]
    public async Task Review_ByTheRegulator_LoggedWithTheReaderAndAnswersTheDocument()
    {
        var scenario = await Scenario.CreateAsync();

        var result = await scenario.Net.SubmitAsync(Ids.RegulatorPerson, Scenario.Now, "Consent:ReviewEmergencyReason", scenario.EmergencyEntryId);

        Assert.True(result.IsValid, result.Response.Message);
        var review = Parse(result.Response);
        Assert.Equal("emergency-reason-0001", (string?)review["reasonDocumentId"]);
        Assert.Equal(Wire.ReasonDocument("cardiac arrest"), (string?)review["reasonDocumentSha256"]);
        Assert.Equal("resuscitation", (string?)review["reasonCode"]);
        Assert.Equal(Ids.OtherPatientId, (string?)review["patientId"]);
        Assert.Equal("reg-eve", (string?)review["reviewer"]!["personId"]);
        Assert.Equal("EmergencyReasonReviewed", result.Event?.EventName);
        Assert.Contains($"|emergency-review|{scenario.EmergencyEntryId}|{review["reviewTxId"]}|", scenario.Net.Snapshot(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ByStaffOfTheAccessingOrganization_Allowed()
    {
        var scenario = await Scenario.CreateAsync();

        var review = await scenario.Net.SubmitOkAsync(Ids.HospitalService, Scenario.Now, "Consent:ReviewEmergencyReason", scenario.EmergencyEntryId);

        Assert.Equal(Ids.Hospital, (string?)review["reviewer"]!["mspId"]);
    }

    [Theory]
    [InlineData("doctor of another hospital")]
    [InlineData("the patient")]
    [InlineData("a pharmacist")]
    [InlineData("the regulator's service")]
    public async Task Review_ByAnyoneElse_ForbiddenAndNothingWritten(string who)
    {
        var scenario = await Scenario.CreateAsync();
        var caller = who switch
        {
            "doctor of another hospital" => Ids.Doctor2,
            "the patient" => Ids.OtherPatient,
            "a pharmacist" => Ids.Pharmacist,
            _ => Ids.RegulatorService,
        };

        var tx = await scenario.Net.SimulateAsync(caller, Scenario.Now, "Consent:ReviewEmergencyReason", scenario.EmergencyEntryId);

        Assert.Equal(403, tx.Response.Status);
        Assert.Empty(tx.WriteSet);
    }

    [Fact]
    public async Task Review_OfAnOrdinaryCheckOrUnknownEntry_NotFound()
    {
        var scenario = await Scenario.CreateAsync();
        var check = await scenario.Net.SubmitOkAsync(Ids.Doctor, Scenario.Now, "Consent:CheckAccess", Requests.RecordId, "treatment");

        var ordinary = await scenario.Net.SimulateAsync(Ids.RegulatorPerson, Scenario.Now, "Consent:ReviewEmergencyReason", (string)check["entryId"]!);
        var unknown = await scenario.Net.SimulateAsync(Ids.RegulatorPerson, Scenario.Now, "Consent:ReviewEmergencyReason", new string('e', 64));
        var malformed = await scenario.Net.SimulateAsync(Ids.RegulatorPerson, Scenario.Now, "Consent:ReviewEmergencyReason", "not-an-entry");

        Assert.Equal(404, ordinary.Response.Status);
        Assert.Equal(404, unknown.Response.Status);
        Assert.Equal(400, malformed.Response.Status);
        Assert.Empty(ordinary.WriteSet);
    }
}
