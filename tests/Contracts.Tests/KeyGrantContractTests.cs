using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>A record key goes to another organization only under a consent in force, and is revoked once none covers it.</summary>
public sealed class KeyGrantContractTests
{
    private static async Task<TestNetwork> WithRecordAsync()
    {
        var net = await CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        return net;
    }

    [Fact]
    public async Task Grant_WithoutConsent_ForbiddenAndNothingWritten()
    {
        var net = await WithRecordAsync();
        var before = net.Snapshot();

        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("no consent of the patient in force", result.Response.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Snapshot());
    }

    [Fact]
    public async Task Grant_UnderConsent_RecordsTheConsentAndGranter()
    {
        var net = await WithRecordAsync();
        var consent = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());

        var grant = await net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());

        Assert.Equal((string)consent["consentId"]!, (string)grant["consentId"]!);
        Assert.Equal(Ids.Hospital2, (string)grant["granteeMspId"]!);
        Assert.Equal(Ids.Hospital, (string)grant["custodianMspId"]!);
        Assert.Equal("dr-alice", (string)grant["grantedBy"]!["personId"]!);
        Assert.False((bool)grant["revoked"]!);
    }

    [Fact]
    public async Task Grant_ByTheGranteeOrAnotherHospital_Forbidden()
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());

        var byGrantee = await net.SubmitAsync(Ids.Hospital2Service, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());
        var byPatient = await net.SubmitAsync(Ids.Patient, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());

        Assert.Equal(403, byGrantee.Response.Status);
        Assert.Contains("reserved to the custodian", byGrantee.Response.Message, StringComparison.Ordinal);
        Assert.Equal(403, byPatient.Response.Status);
    }

    [Fact]
    public async Task Revoke_WhileConsentInForce_ConflictAndGrantKept()
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());
        var before = net.Snapshot();

        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(2), "KeyGrant:Revoke", Requests.KeyGrant(Ids.Hospital2).Json());

        Assert.Equal(409, result.Response.Status);
        Assert.Equal(before, net.Snapshot());
    }

    [Fact]
    public async Task ConsentRevoked_GrantListedAsLapsed_RevokeRemovesItFromTheList()
    {
        var net = await WithRecordAsync();
        var consent = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());
        var whileActive = await net.EvaluateOkAsync(Ids.HospitalService, T0.AddMinutes(2), "KeyGrant:ListLapsed", Ids.Hospital, "10", "");
        await net.SubmitOkAsync(Ids.Patient, T0.AddMinutes(3), "Consent:Revoke", Ids.PatientId, (string)consent["consentId"]!);

        var lapsed = await net.EvaluateOkAsync(Ids.HospitalService, T0.AddMinutes(4), "KeyGrant:ListLapsed", Ids.Hospital, "10", "");
        var revoked = await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(5), "KeyGrant:Revoke", Requests.KeyGrant(Ids.Hospital2).Json());
        var after = await net.EvaluateOkAsync(Ids.HospitalService, T0.AddMinutes(6), "KeyGrant:ListLapsed", Ids.Hospital, "10", "");

        Assert.Empty(whileActive["items"].Items());
        Assert.Equal(Requests.RecordId, (string)lapsed["items"]![0]!["recordId"]!);
        Assert.True((bool)revoked["revoked"]!);
        Assert.Equal(Ids.Hospital, (string)revoked["revokedBy"]!["mspId"]!);
        Assert.Empty(after["items"].Items());
    }

    [Fact]
    public async Task ConsentExpired_GrantListedAsLapsedAndRevocable()
    {
        var net = await WithRecordAsync();
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2, end: T0.AddHours(1)).Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0.AddMinutes(1), "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());

        var lapsed = await net.EvaluateOkAsync(Ids.HospitalService, T0.AddHours(2), "KeyGrant:ListLapsed", Ids.Hospital, "10", "");
        var revoked = await net.SubmitAsync(Ids.HospitalService, T0.AddHours(2), "KeyGrant:Revoke", Requests.KeyGrant(Ids.Hospital2).Json());

        Assert.Single(lapsed["items"].Items());
        Assert.True(revoked.IsValid, revoked.Response.Message);
    }

    [Fact]
    public async Task ListLapsed_OfAnotherOrganization_Forbidden()
    {
        var net = await WithRecordAsync();

        var result = await net.EvaluateAsync(Ids.Hospital2Service, T0.AddMinutes(1), "KeyGrant:ListLapsed", Ids.Hospital, "10", "");

        Assert.Equal(403, result.Status);
    }
}
