using System.Text;
using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using MedChain.Shim.Testing;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>
/// Issue #11: what the blocks of every organization hold (arguments, public writes, events, responses:
/// <see cref="OnChainTransaction"/>) carries no clinical content of a consent, a prescription or a
/// break-glass access; the parties read it back through the contracts, others are refused.
/// </summary>
public sealed class ClinicalContentTests
{
    private const string _medication = "Amlodipine 5 MG Oral Tablet";
    private const string _medicationCode = "197361";
    private const string _dosageText = "1 tablet daily";
    private const string _scopedRecordId = "rec-777";
    private const string _purpose = "research";
    private const string _reasonText = "cardiac arrest in ward 3";

    private static readonly string[] _consentContent = [_purpose, Requests.RecordType, _scopedRecordId];
    private static readonly string[] _prescriptionContent = [_medication, _medicationCode, _dosageText, "\"tablet\""];

    [Fact]
    public async Task Flows_OnChain_CarryNoClinicalContent()
    {
        var net = await CreateAsync();
        var onChain = new List<OnChainTransaction>();

        onChain.Add(await SubmitOnChainAsync(net, Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json()));
        var grant = await SubmitOnChainAsync(net, Ids.Patient, T0, "Consent:Grant", ConsentRequest().Json());
        onChain.Add(grant);
        var consentId = (string)JsonNode.Parse(Encoding.UTF8.GetString(grant.Response.Payload))!.AsObject()["consentId"]!;
        onChain.Add(await SubmitOnChainAsync(net, Ids.Pharmacist, T0.AddMinutes(1), "Consent:CheckAccess", Requests.RecordId, _purpose));
        var issue = await SubmitOnChainAsync(net, Ids.Doctor, T0.AddMinutes(2), "Prescription:Issue", Requests.Prescription(repeats: 1, pharmacy: Ids.Pharmacy).Json());
        onChain.Add(issue);
        var rxId = (string)JsonNode.Parse(Encoding.UTF8.GetString(issue.Response.Payload))!.AsObject()["prescriptionId"]!;
        onChain.Add(await SubmitOnChainAsync(net, Ids.Pharmacist, T0.AddMinutes(3), "Prescription:Dispense", rxId));
        onChain.Add(await SubmitOnChainAsync(net, Ids.Patient, T0.AddMinutes(4), "Prescription:Cancel", rxId));
        onChain.Add(await SubmitOnChainAsync(net, Ids.Patient, T0.AddMinutes(5), "Consent:Revoke", Ids.PatientId, consentId));
        var emergency = await SubmitOnChainAsync(net, Ids.Doctor2, T0.AddMinutes(6), "Consent:EmergencyAccess", Requests.RecordId, "life-threatening", Wire.ReasonDocument(_reasonText), "emergency-reason-0001");
        onChain.Add(emergency);

        Assert.Empty(onChain.SelectMany(tx => tx.Find([.. _consentContent, .. _prescriptionContent, _reasonText])));

        // What supervision needs stays: the coded reason and the document's hash; the prescription's state machine.
        Assert.NotEmpty(emergency.Find("life-threatening", Wire.ReasonDocument(_reasonText)));
        Assert.Contains(onChain[^3].PublicWrites, w => Encoding.UTF8.GetString(w.Value ?? []).Contains("\"status\":\"stopped\"", StringComparison.Ordinal));

        // The content is on chain only as private data hashes of the collection.
        Assert.All(grant.PrivateWriteHashes, w => Assert.Equal("hospitalPharmacy", w.Collection));
        Assert.NotEmpty(issue.PrivateWriteHashes);
    }

    [Fact]
    public async Task Parties_ReadTheContentThroughTheContracts()
    {
        var net = await CreateAsync();
        var consentId = (string)(await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", ConsentRequest().Json()))["consentId"]!;
        var rxId = (string)(await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(pharmacy: Ids.Pharmacy).Json()))["prescriptionId"]!;

        foreach (var reader in new[] { Ids.Patient, Ids.Pharmacist })
        {
            var consent = await net.EvaluateOkAsync(reader, T0, "Consent:Get", Ids.PatientId, consentId);
            Assert.Equal(_purpose, (string?)consent["purpose"]);
            Assert.Equal([_scopedRecordId], consent["scope"]!["recordIds"]!.Items().Select(t => (string)t!));
        }

        foreach (var reader in new[] { Ids.Patient, Ids.Doctor, Ids.Pharmacist })
        {
            var rx = await net.EvaluateOkAsync(reader, T0, "Prescription:Get", rxId);
            Assert.Equal(_medication, (string?)rx["medication"]!["display"]);
            Assert.Equal(_dosageText, (string?)rx["dosage"]!["text"]);
        }

        var byPatient = await net.EvaluateOkAsync(Ids.Patient, T0, "Prescription:ListByPatient", Ids.PatientId, "10", "");
        Assert.Equal(_medication, (string?)Assert.Single(byPatient["items"].Items())["medication"]!["display"]);
        var consents = await net.EvaluateOkAsync(Ids.Patient, T0, "Consent:ListByPatient", Ids.PatientId, "10", "");
        Assert.Equal(_purpose, (string?)Assert.Single(consents["items"].Items())["purpose"]);
    }

    [Fact]
    public async Task Regulator_SeesTheFlowNotTheContent()
    {
        var net = await CreateAsync();
        var consentId = (string)(await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", ConsentRequest().Json()))["consentId"]!;
        var rxId = (string)(await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(pharmacy: Ids.Pharmacy).Json()))["prescriptionId"]!;

        var rx = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0, "Prescription:Get", rxId);
        var consent = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0, "Consent:Get", Ids.PatientId, consentId);

        Assert.Equal("active", (string?)rx["status"]);
        Assert.Equal(Ids.Pharmacy, (string?)rx["designatedPharmacyMspId"]);
        Assert.Null(rx["medication"]);
        Assert.Null(rx["dosage"]);
        Assert.Equal("active", (string?)consent["status"]);
        Assert.Null(consent["purpose"]);
        Assert.Null(consent["scope"]);
    }

    [Fact]
    public async Task NonParty_Refused_AndPeerOutsideTheCollection_AnswersWithAClearErrorNotPartialData()
    {
        var net = await CreateAsync();
        var rxId = (string)(await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(pharmacy: Ids.Pharmacy).Json()))["prescriptionId"]!;

        // A member organization's doctor who is no party to the prescription.
        var stranger = await net.EvaluateAsync(Ids.Doctor2, T0, "Prescription:Get", rxId);
        // The pharmacist is a party, but the Gateway sent the evaluation to a peer that holds only hashes.
        var elsewhere = await net.EvaluateOnAsync(Ids.Regulator, Ids.Pharmacist, T0, "Prescription:Get", rxId);

        Assert.Equal(403, stranger.Status);
        Assert.Equal(503, elsewhere.Status);
        Assert.StartsWith("unavailable: the content of prescription", elsewhere.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Payload);
    }

    [Fact]
    public async Task Grant_RequestAsAnArgument_RefusedAndNothingWritten()
    {
        var net = await CreateAsync();

        // Straight to the peer, bypassing Wire: the content must not ride in the arguments.
        var result = await net.Tester.SimulateAsync(net.Chaincode, ["Consent:Grant", ConsentRequest().Json()], Ids.Patient, T0, null, TestContext.Current.CancellationToken);

        Assert.Equal(400, result.Response.Status);
        Assert.Contains("expects 0 arguments", result.Response.Message, StringComparison.Ordinal);
        Assert.Empty(result.WriteSet);
    }

    [Fact]
    public async Task SameContent_DifferentSalt_DifferentPrivateHash()
    {
        var net = await CreateAsync();
        var request = Encoding.UTF8.GetBytes(Requests.Prescription().Json());
        var ct = TestContext.Current.CancellationToken;

        var a = await net.Tester.SimulateAsync(net.Chaincode, ["Prescription:Issue"], Ids.Doctor, T0, Transient(request, salt: 1), ct);
        var b = await net.Tester.SimulateAsync(net.Chaincode, ["Prescription:Issue"], Ids.Doctor, T0, Transient(request, salt: 2), ct);
        var shortSalt = await net.Tester.SimulateAsync(net.Chaincode, ["Prescription:Issue"], Ids.Doctor, T0, Transient(request, salt: 3, length: 8), ct);

        Assert.True(a.Response.IsSuccess, a.Response.Message);
        Assert.NotEqual(Convert.ToHexString(a.OnChain.PrivateWriteHashes.Single().ValueHash!), Convert.ToHexString(b.OnChain.PrivateWriteHashes.Single().ValueHash!));
        Assert.StartsWith("invalid transient salt:", shortSalt.Response.Message, StringComparison.Ordinal);
        Assert.Empty(shortSalt.WriteSet);
    }

    private static TransactionOptions Transient(byte[] request, byte salt, int length = 32) => new()
    {
        TransientMap = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["request"] = request, ["salt"] = [.. Enumerable.Repeat(salt, length)] },
    };

    private static JsonObject ConsentRequest()
    {
        var request = Requests.Consent(purpose: _purpose);
        request["scope"] = new JsonObject { ["recordTypes"] = new JsonArray(Requests.RecordType), ["recordIds"] = new JsonArray(_scopedRecordId) };
        return request;
    }

    private static async Task<OnChainTransaction> SubmitOnChainAsync(TestNetwork net, TestIdentity who, DateTimeOffset time, params string[] args)
    {
        var result = await net.SubmitAsync(who, time, args);
        Assert.True(result.IsValid, $"{args[0]}: {result.Response.Message}");
        return result.OnChain!;
    }
}
