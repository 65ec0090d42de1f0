using static MedChain.EmbeddedLedger.Tests.TestNetwork;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>The MedChain contracts through the embedded peer, as the HTTP service calls them.</summary>
public sealed class ContractScenarioTests
{
    [Fact]
    public async Task Consent_AnotherHospitalIsRefusedUntilThePatientConsents_AndEveryCheckIsLogged()
    {
        using var net = await CreateAsync();
        await net.SubmitOkAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());

        var before = await net.SubmitOkAsync(Members.Doctor2, "Consent:CheckAccess", Members.RecordId, "treatment");
        var consent = await net.SubmitOkAsync(Members.Patient, "Consent:Grant", Consent(Members.Hospital2));
        var after = await net.SubmitOkAsync(Members.Doctor2, "Consent:CheckAccess", Members.RecordId, "treatment");
        var log = await net.EvaluateOkAsync(Members.Patient, "Consent:ListAccessLog", Members.PatientId, "10", "");

        Assert.False((bool)before["allowed"]!);
        Assert.True((bool)after["allowed"]!);
        Assert.Equal(Str(consent, "consentId"), Str(after, "consentId"));
        Assert.Equal(2, log["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Anchor_IsReadBack_AndASecondAnchorOfTheSameRecordIsRefused()
    {
        using var net = await CreateAsync();
        var anchored = await net.SubmitOkAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());

        var read = await net.EvaluateOkAsync(Members.Doctor, "RecordAnchor:Get", Members.RecordId, "0");
        var again = await net.SubmitAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());

        Assert.Equal(new string('a', 64), Str(read, "sha256"));
        Assert.Equal(Str(anchored, "recordId"), Str(read, "recordId"));
        Assert.Equal(409, again.Response.Status);
        Assert.Null(again.ValidationCode);
    }

    [Fact]
    public async Task Prescription_IssuedDispensedOnce_SecondDispenseRefused_AndAnotherCancelled()
    {
        using var net = await CreateAsync();
        var issued = await net.SubmitOkAsync(Members.Doctor, "Prescription:Issue", Prescription());
        var id = Str(issued, "prescriptionId");

        var dispensed = await net.SubmitOkAsync(Members.Pharmacist, "Prescription:Dispense", id);
        var second = await net.SubmitAsync(Members.Pharmacist, "Prescription:Dispense", id);
        var other = Str(await net.SubmitOkAsync(Members.Doctor, "Prescription:Issue", Prescription()), "prescriptionId");
        var cancelled = await net.SubmitOkAsync(Members.Doctor, "Prescription:Cancel", other);
        var cancelledDispense = await net.SubmitAsync(Members.Pharmacist, "Prescription:Dispense", other);

        Assert.Equal("completed", Str(dispensed, "status"));
        Assert.False(second.Response.IsSuccess);
        Assert.Null(second.ValidationCode);
        Assert.Equal("cancelled", Str(cancelled, "status"));
        Assert.False(cancelledDispense.Response.IsSuccess);
    }

    [Fact]
    public async Task Submit_TheCreatorsAttributesTransactionIdAndTimestampReachTheChaincode()
    {
        using var net = await CreateAsync();
        var before = DateTimeOffset.UtcNow;
        var issued = await net.SubmitAsync(Members.Doctor, "Prescription:Issue", Prescription());
        var after = DateTimeOffset.UtcNow;
        var anchored = await net.SubmitOkAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());

        var prescription = System.Text.Json.Nodes.JsonNode.Parse(issued.Response.Payload)!.AsObject();
        var anchor = await net.EvaluateOkAsync(Members.Doctor, "RecordAnchor:Get", Members.RecordId, "0");

        Assert.True(issued.IsValid);
        Assert.Equal("dr-alice", (string)prescription["prescriber"]!["personId"]!);
        Assert.Equal(Members.Hospital, (string)prescription["prescriber"]!["mspId"]!);
        Assert.Equal(Str(anchored, "txId"), Str(anchor, "txId"));
        Assert.Equal(Members.Hospital, Str(anchor, "custodianMspId"));
        Assert.InRange(DateTimeOffset.Parse(Str(anchor, "anchoredAt"), System.Globalization.CultureInfo.InvariantCulture), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(after >= before);
    }

    [Fact]
    public async Task Submit_CreatorOfAnUnknownCa_IsRefusedBeforeTheChaincodeRuns()
    {
        using var net = await CreateAsync();
        using var rogueCa = new TestCa(Members.Hospital);
        using var rogue = rogueCa.Issue("mallory", "doctor", "dr-mallory");
        var height = net.Peer.Ledger.Height;

        var refused = await Assert.ThrowsAsync<ProposalRejectedException>(() => net.SubmitAsync(rogue, "Prescription:Issue", Prescription()));

        Assert.Contains("Org1MSP", refused.Message, StringComparison.Ordinal);
        Assert.Equal(height, net.Peer.Ledger.Height);
    }
}
