using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>Patients are bound to the organization that enrolled them; membership of an organization grants nothing by itself.</summary>
public sealed class PatientContractTests
{
    [Fact]
    public async Task AnyTransaction_PatientCertificateFromAnotherOrganization_Forbidden()
    {
        var scenario = await Scenario.CreateAsync();

        var grant = await scenario.Net.SimulateAsync(Ids.PatientImpostor, Scenario.Now, "Consent:Grant", Requests.Consent(Ids.Pharmacy2).Json());
        var log = await scenario.Net.EvaluateAsync(Ids.PatientImpostor, Scenario.Now, "Consent:ListAccessLog", Ids.PatientId, "10", "");

        Assert.Equal(403, grant.Response.Status);
        Assert.Contains($"is enrolled at '{Ids.Hospital}', not '{Ids.Pharmacy}'", grant.Response.Message, StringComparison.Ordinal);
        Assert.Empty(grant.WriteSet);
        Assert.Equal(403, log.Status);
    }

    [Fact]
    public async Task AnyTransaction_PatientNotEnrolled_Forbidden()
    {
        var net = await CreateAsync();
        var stranger = Shim.Testing.TestIdentity.Create(Ids.Hospital, "newcomer", new Dictionary<string, string> { ["medchain.role"] = "patient", ["medchain.id"] = "pat-" + new string('d', 32) });

        var result = await net.SimulateAsync(stranger, T0, "Patient:Get", "pat-" + new string('d', 32));

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("is not enrolled", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_ElsewhereWhenEnrolled_ForbiddenAndAgainHere_Conflict()
    {
        var net = await CreateAsync();

        var elsewhere = await net.SubmitAsync(Ids.Hospital2Service, T0, "Patient:Enroll", Ids.PatientId);
        var again = await net.SubmitAsync(Ids.HospitalService, T0, "Patient:Enroll", Ids.PatientId);

        Assert.Equal(403, elsewhere.Response.Status);
        Assert.Contains("Patient:Transfer", elsewhere.Response.Message, StringComparison.Ordinal);
        Assert.Equal(409, again.Response.Status);
    }

    [Fact]
    public async Task Transfer_ApprovedByPatient_MovesBindingLoggedWithEvent()
    {
        var net = await CreateAsync();
        var impostorBefore = await net.SimulateAsync(Ids.PatientImpostor, T0, "Patient:Get", Ids.PatientId);
        var unapproved = await net.SubmitAsync(Ids.Pharmacist, T0, "Patient:Transfer", Ids.PatientId);
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(1), "Patient:ApproveTransfer", Ids.PatientId, Ids.Pharmacy);
        var wrongOrg = await net.SubmitAsync(Ids.Hospital2Service, T0.AddMinutes(2), "Patient:Transfer", Ids.PatientId);

        var moved = await net.SubmitAsync(Ids.Pharmacist, T0.AddMinutes(3), "Patient:Transfer", Ids.PatientId);

        Assert.Equal(403, impostorBefore.Response.Status);
        Assert.Equal(403, unapproved.Response.Status);
        Assert.Equal(403, wrongOrg.Response.Status);
        Assert.True(moved.IsValid, moved.Response.Message);
        Assert.Equal("PatientTransferred", moved.Event?.EventName);
        var enrollment = Parse(moved.Response);
        Assert.Equal(Ids.Pharmacy, (string?)enrollment["mspId"]);
        Assert.Equal(Ids.Hospital, (string?)enrollment["transferredFrom"]);
        Assert.Contains(net.Snapshot().Split('\n'), line => line.StartsWith($"|patient-transfer|{Ids.PatientId}|", StringComparison.Ordinal));
        var oldCertificate = await net.SimulateAsync(Ids.Patient, T0.AddMinutes(4), "Patient:Get", Ids.PatientId);
        var newCertificate = await net.SimulateAsync(Ids.PatientImpostor, T0.AddMinutes(4), "Patient:Get", Ids.PatientId);
        Assert.Equal(403, oldCertificate.Response.Status);
        Assert.True(newCertificate.Response.IsSuccess, newCertificate.Response.Message);
    }

    public static TheoryData<string, string[]> MemberOnlyReads() => new()
    {
        // Ids.PharmacyPatient is a patient enrolled at Org2, the grantee of the scenario's consent.
        { "Consent:Get", [Ids.PatientId, "{consent}"] },
        { "Consent:ListByGrantee", [Ids.Pharmacy, "10", ""] },
        { "Prescription:ListByPharmacy", [Ids.Pharmacy, "10", ""] },
    };

    [Theory]
    [MemberData(nameof(MemberOnlyReads))]
    public async Task Read_ByPatientEnrolledAtTheOrganization_Forbidden(string function, string[] args)
    {
        var scenario = await Scenario.CreateAsync();
        var resolved = args.Select(a => a == "{consent}" ? scenario.ConsentId : a).ToArray();

        var response = await scenario.Net.EvaluateAsync(Ids.PharmacyPatient, Scenario.Now, [function, .. resolved]);
        var staff = await scenario.Net.EvaluateAsync(Ids.Pharmacist, Scenario.Now, [function, .. resolved]);

        Assert.Equal(403, response.Status);
        Assert.Empty(response.Payload);
        Assert.True(staff.IsSuccess, staff.Message);
    }

    [Fact]
    public async Task RecordDetails_ByAnotherPatientOfTheCustodian_Forbidden()
    {
        var scenario = await Scenario.CreateAsync();

        var other = await scenario.Net.EvaluateAsync(Ids.OtherPatient, Scenario.Now, "RecordAnchor:Get", Requests.RecordId, "0");
        var own = await scenario.Net.EvaluateAsync(Ids.Patient, Scenario.Now, "RecordAnchor:Get", Requests.RecordId, "0");

        Assert.Equal(403, other.Status);
        Assert.True(own.IsSuccess, own.Message);
    }
}
