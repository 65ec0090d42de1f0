using System.Text;
using System.Text.Json;
using MedChain.Fabric.Acceptance.Tests.Contracts;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Ledger;

/// <summary>
/// Issue #11 on Fabric 2.5: after a consent, a prescription (dispensed by two racing pharmacists) and a
/// break-glass access, the blocks read through qscc from a peer (every organization's peer receives the
/// same blocks from the orderer, a non-party's included) hold none of their clinical values: not in the
/// arguments, write sets, events or responses, nor anywhere in the raw bytes. The parties read the content
/// back through the contracts; the regulator sees the prescription's flow without it.
/// </summary>
public abstract class ClinicalContentAcceptanceTests(FabricNetworkFixture network)
{
    [Fact]
    public async Task ConsentPrescriptionAndBreakGlass_BlocksHoldNoClinicalValue_PartiesReadIt()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid().ToString("N")[..12];
        var patientId = MedChainRequests.NewPatientId();
        var recordId = MedChainRequests.NewRecordId();
        var scopedRecordId = MedChainRequests.NewRecordId();
        var medication = $"Amlodipine {id} 5 MG Oral Tablet";
        var dosage = $"one tablet each morning {id}";
        var reason = $"cardiac arrest in ward {id}";
        var purpose = "research";

        using var service = await network.ConnectAsync(1, network.IssueIdentity(1, "hospital-service", Attributes("service", null)), token);
        using var patient = await network.ConnectAsync(1, network.IssueIdentity(1, $"patient-{id}", Attributes("patient", patientId)), token);
        using var doctor = await network.ConnectAsync(1, network.IssueIdentity(1, $"dr-{id}", Attributes("doctor", $"dr-{id}")), token);
        using var pharmacistA = await network.ConnectAsync(2, network.IssueIdentity(2, $"ph-a-{id}", Attributes("pharmacist", $"ph-a-{id}")), token);
        using var pharmacistB = await network.ConnectAsync(1, network.IssueIdentity(2, $"ph-b-{id}", Attributes("pharmacist", $"ph-b-{id}")), token);
        using var regulator = await network.ConnectAsync(1, network.IssueIdentity(3, $"reg-{id}", Attributes("regulator", $"reg-{id}")), token);
        var from = await BlockContents.HeightAsync(pharmacistA.Network, token);

        await SubmitAsync(service, "Patient:Enroll", [patientId], token);
        await SubmitAsync(service, "RecordAnchor:Anchor", [MedChainRequests.Anchor(recordId, patientId)], token);
        var consent = await SubmitAsync(patient, "Consent:Grant", [MedChainRequests.Consent(patientId, "Org2MSP", purpose, scopedRecordId)], token);
        var consentId = consent.GetProperty("consentId").GetString()!;
        var check = await SubmitAsync(pharmacistA, "Consent:CheckAccess", [recordId, purpose], token);
        var issued = await SubmitAsync(doctor, "Prescription:Issue", [Prescription(patientId, medication, dosage)], token);
        var rxId = issued.GetProperty("prescriptionId").GetString()!;

        // Two pharmacists claim the one fill at once: exactly one commits. Pharmacist A endorses on the pharmacy's
        // peer, which must have the prescription's block first.
        await BlockContents.CatchUpAsync(pharmacistA.Network, doctor.Network, token);
        var first = await Contract(pharmacistA, "Prescription").NewProposal("Dispense", ProposalOptions.WithArguments(rxId)).EndorseAsync(token);
        var second = await Contract(pharmacistB, "Prescription").NewProposal("Dispense", ProposalOptions.WithArguments(rxId)).EndorseAsync(token);
        var statuses = await Task.WhenAll(SubmitAndWaitAsync(first, token), SubmitAndWaitAsync(second, token));
        var emergency = await SubmitAsync(doctor, "Consent:EmergencyAccess", [recordId, "life-threatening", MedChainRequests.ReasonDocument(reason), "emergency-reason-0001"], token);

        // The blocks are read from the pharmacy's peer: it must have the break-glass block too.
        await BlockContents.CatchUpAsync(pharmacistA.Network, doctor.Network, token);
        var blocks = await BlockContents.ReadAsync(pharmacistA.Network, from, token);
        // Read back by the parties, through the contracts.
        var consentRead = await EvaluateAsync(patient, "Consent:Get", [patientId, consentId], token);
        var consentByGrantee = await EvaluateAsync(pharmacistA, "Consent:Get", [patientId, consentId], token);
        var rxByPharmacy = await EvaluateAsync(pharmacistA, "Prescription:Get", [rxId], token);
        var rxByPatient = await EvaluateAsync(patient, "Prescription:Get", [rxId], token);
        var rxByRegulator = await EvaluateAsync(regulator, "Prescription:Get", [rxId], token);
        var emergencies = await EvaluateAsync(regulator, "Consent:ListEmergencyAccesses", ["100", ""], token);

        Assert.Empty(blocks.Find(medication, dosage, reason, purpose, scopedRecordId, MedChainRequests.RecordType));
        // The scan does see what stays public: ids, states and the reason document's hash.
        Assert.NotEmpty(blocks.Find(rxId));
        Assert.NotEmpty(blocks.Find(MedChainRequests.ReasonDocument(reason)));
        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("consent", check.GetProperty("reason").GetString());
        Assert.True(emergency.GetProperty("allowed").GetBoolean());
        Assert.Single(statuses, s => s.Code == PeerPb.TxValidationCode.Valid);
        Assert.Single(statuses, s => s.Code == PeerPb.TxValidationCode.MvccReadConflict);
        Assert.Equal(purpose, consentRead.GetProperty("purpose").GetString());
        Assert.Equal(scopedRecordId, consentByGrantee.GetProperty("scope").GetProperty("recordIds")[0].GetString());
        Assert.Equal(medication, rxByPharmacy.GetProperty("medication").GetProperty("display").GetString());
        Assert.Equal(dosage, rxByPatient.GetProperty("dosage").GetProperty("text").GetString());
        Assert.Equal(1, rxByPharmacy.GetProperty("dispenseCount").GetInt32());
        Assert.Equal("completed", rxByRegulator.GetProperty("status").GetString());
        Assert.False(rxByRegulator.TryGetProperty("medication", out _));
        Assert.Contains(emergencies.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("emergencyReasonDocumentSha256").GetString() == MedChainRequests.ReasonDocument(reason)
            && e.GetProperty("emergencyReasonCode").GetString() == "life-threatening");
    }

    private static string Prescription(string patientId, string medication, string dosage)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(MedChainRequests.Prescription(patientId, pharmacy: "Org2MSP"))!;
        json["medication"]!["display"] = medication;
        json["dosage"]!["text"] = dosage;
        return json.ToJsonString();
    }

    private static FabricClient.Contract Contract(GatewayConnection connection, string name) => connection.Network.GetContract("medchain", name);

    private static async Task<JsonElement> SubmitAsync(GatewayConnection connection, string function, string[] args, CancellationToken token)
    {
        var (contract, name) = (function.Split(':')[0], function.Split(':')[1]);
        var result = await Contract(connection, contract).SubmitTransactionAsync(name, MedChainRequests.Proposal(function, args), token);
        return JsonDocument.Parse(result).RootElement.Clone();
    }

    private static async Task<JsonElement> EvaluateAsync(GatewayConnection connection, string function, string[] args, CancellationToken token)
    {
        var (contract, name) = (function.Split(':')[0], function.Split(':')[1]);
        var result = await Contract(connection, contract).EvaluateTransactionAsync(name, args, token);
        return JsonDocument.Parse(Encoding.UTF8.GetString(result)).RootElement.Clone();
    }

    private static async Task<CommitStatus> SubmitAndWaitAsync(Transaction transaction, CancellationToken token) =>
        await (await transaction.SubmitAsync(token)).GetStatusAsync(token);

    private static Dictionary<string, string> Attributes(string role, string? personId)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = role };
        if (personId is not null)
        {
            attributes["medchain.id"] = personId;
        }

        return attributes;
    }
}

[Collection(TlsNetworkGroup.Name)]
public sealed class ClinicalContentAcceptanceTlsTests(TlsNetworkFixture network) : ClinicalContentAcceptanceTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class ClinicalContentAcceptancePlainTests(PlainNetworkFixture network) : ClinicalContentAcceptanceTests(network);
