using System.Text.Json;
using MedChain.ContractRoles;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Contracts;

/// <summary>
/// The contracts' role × operation table (<see cref="RoleTable"/>, shared with the in-memory
/// contract tests) on the real peers: every transaction is evaluated by every role, with
/// identities minted from the organizations' CAs. Evaluation runs the chaincode on a peer
/// without committing, so one scenario serves every cell.
/// </summary>
public abstract class RoleTableAcceptanceTests(FabricNetworkFixture network)
{
    [Fact]
    public async Task EveryOperation_EvaluatedByEveryRole_AllowedRolesSucceedOthersAreForbidden()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var patientId = MedChainRequests.NewPatientId();
        var identities = new Dictionary<string, (int PeerOrg, IssuedIdentity Identity)>(StringComparer.Ordinal)
        {
            [RoleTable.Doctor] = (1, network.IssueIdentity(1, "dr-table", Attributes("doctor", "dr-table"))),
            [RoleTable.Pharmacist] = (2, network.IssueIdentity(2, "ph-table", Attributes("pharmacist", "ph-table"))),
            [RoleTable.Patient] = (1, network.IssueIdentity(1, "patient-table", Attributes("patient", patientId))),
            // The regulator (Org3MSP) has no peer: it goes through the hospital's gateway.
            [RoleTable.Regulator] = (1, network.IssueIdentity(3, "reg-table", Attributes("regulator", "reg-table"))),
            [RoleTable.HospitalService] = (1, network.IssueIdentity(1, "hospital-service", Attributes("service", null))),
            [RoleTable.RegulatorService] = (1, network.IssueIdentity(3, "regulator-service", Attributes("service", "svc-table"))),
        };
        Assert.Equal(RoleTable.Roles.Order(StringComparer.Ordinal), identities.Keys.Order(StringComparer.Ordinal));
        var connections = new Dictionary<string, GatewayConnection>(StringComparer.Ordinal);
        try
        {
            foreach (var (role, (peerOrg, identity)) in identities)
            {
                connections[role] = await network.ConnectAsync(peerOrg, identity, token);
            }

            var args = await CreateScenarioAsync(connections, patientId, token);
            Assert.Equal(RoleTable.Operations.Select(o => o.Function).Order(StringComparer.Ordinal), args.Keys.Order(StringComparer.Ordinal));

            var wrong = new List<string>();
            foreach (var (function, role, allowed) in RoleTable.Cells())
            {
                var outcome = await EvaluateAsync(connections[role], function, args[function], token);
                if (allowed && outcome is not null)
                {
                    wrong.Add($"{role} should be allowed {function}: {outcome}");
                }
                else if (!allowed && (outcome is null || !outcome.Contains("forbidden: ", StringComparison.Ordinal)))
                {
                    wrong.Add($"{role} should be forbidden {function}, got: {outcome ?? "success"}");
                }
            }

            // Where the role decides, it decides first: malformed arguments still get 403, not 400.
            foreach (var (function, role) in RoleTable.RefusedWhateverTheInput())
            {
                var outcome = await EvaluateAsync(connections[role], function, [.. args[function].Select(_ => "\u0001{")], token);
                if (outcome is null || !outcome.Contains("forbidden: ", StringComparison.Ordinal))
                {
                    wrong.Add($"{role} should be forbidden {function} whatever the input, got with malformed arguments: {outcome ?? "success"}");
                }
            }

            Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        }
        finally
        {
            foreach (var connection in connections.Values)
            {
                connection.Dispose();
            }
        }
    }

    // Null on success, else the error's message. Every call carries the patient's dispensing code in the
    // transient map, as the in-memory table does, so that the cell is decided by the role alone.
    private static async Task<string?> EvaluateAsync(GatewayConnection connection, string function, string[] args, CancellationToken token)
    {
        var (contract, name) = Split(function);
        try
        {
            await connection.Network.GetContract("medchain", contract).EvaluateAsync(name, MedChainRequests.Proposal(function, args, MedChainRequests.DispensingCode), token);
            return null;
        }
        catch (GatewayException e)
        {
            return e.Message;
        }
    }

    // One of everything, committed (the registry comes from the chaincode's init, run by deploy-ccaas.sh):
    // the patient enrolled at the hospital, an anchored record held by the hospital, the patient's consent
    // for the pharmacy, a delegate, a prescription designated to the pharmacy and one without designated
    // pharmacy whose dispensing code the patient set, the patient's erasure request and approved transfer,
    // and a key grant whose consent was revoked.
    private static async Task<Dictionary<string, string[]>> CreateScenarioAsync(
        Dictionary<string, GatewayConnection> by, string patientId, CancellationToken token)
    {
        await SubmitAsync(by[RoleTable.HospitalService], "Patient:Enroll", [patientId], token);
        var recordId = MedChainRequests.NewRecordId();
        await SubmitAsync(by[RoleTable.HospitalService], "RecordAnchor:Anchor", [MedChainRequests.Anchor(recordId, patientId)], token);
        var consent = await SubmitAsync(by[RoleTable.Patient], "Consent:Grant", [MedChainRequests.Consent(patientId, "Org2MSP")], token);
        var consentId = consent.GetProperty("consentId").GetString()!;
        var delegateId = MedChainRequests.NewPatientId();
        await SubmitAsync(by[RoleTable.Patient], "Consent:AddDelegate", [patientId, "Org1MSP", delegateId], token);
        var prescription = await SubmitAsync(by[RoleTable.Doctor], "Prescription:Issue", [MedChainRequests.Prescription(patientId, repeats: 1, pharmacy: "Org2MSP")], token);
        var rx = prescription.GetProperty("prescriptionId").GetString()!;
        var open = await SubmitAsync(by[RoleTable.Doctor], "Prescription:Issue", [MedChainRequests.Prescription(patientId, repeats: 1)], token);
        var openRx = open.GetProperty("prescriptionId").GetString()!;
        await SubmitAsync(by[RoleTable.Patient], "Prescription:SetDispensingCode", [openRx], token, MedChainRequests.DispensingCode);
        await SubmitAsync(by[RoleTable.Patient], "RecordAnchor:RequestErasure", [recordId], token);
        await SubmitAsync(by[RoleTable.Patient], "Patient:ApproveTransfer", [patientId, "Org2MSP"], token);

        // A key grant (to the regulator's organization) whose consent was revoked: the custodian may revoke it.
        var lapsing = await SubmitAsync(by[RoleTable.Patient], "Consent:Grant", [MedChainRequests.Consent(patientId, "Org3MSP")], token);
        await SubmitAsync(by[RoleTable.HospitalService], "KeyGrant:Grant", [MedChainRequests.KeyGrant(recordId, "Org3MSP")], token);
        await SubmitAsync(by[RoleTable.Patient], "Consent:Revoke", [patientId, lapsing.GetProperty("consentId").GetString()!], token);

        // A break-glass access by the hospital's doctor, whose reason the review reads (the record is not erased yet: only requested).
        var emergency = await SubmitAsync(by[RoleTable.Doctor], "Consent:EmergencyAccess", [recordId, "resuscitation", MedChainRequests.ReasonDocument("cardiac arrest"), "emergency-reason-0001"], token);
        var emergencyEntryId = emergency.GetProperty("entryId").GetString()!;

        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Admin:InitRegistry"] = [MedChainRequests.RegistryRequest],
            ["Admin:ConfigureOrganizations"] = [MedChainRequests.RegistryRequest],
            ["Admin:GetOrganizations"] = [],
            ["Consent:Grant"] = [MedChainRequests.Consent(patientId, "Org1MSP")],
            ["Consent:Revoke"] = [patientId, consentId],
            ["Consent:Get"] = [patientId, consentId],
            ["Consent:ListByPatient"] = [patientId, "10", ""],
            ["Consent:ListByGrantee"] = ["Org2MSP", "10", ""],
            ["Consent:AddDelegate"] = [patientId, "Org2MSP", "ph-dave"],
            ["Consent:RemoveDelegate"] = [patientId, "Org1MSP", delegateId],
            ["Consent:CheckAccess"] = [recordId, "treatment"],
            ["Consent:EmergencyAccess"] = [recordId, "resuscitation", MedChainRequests.ReasonDocument("cardiac arrest"), "emergency-reason-0001"],
            ["Consent:ListAccessLog"] = [patientId, "10", ""],
            ["Consent:ListEmergencyAccesses"] = ["10", ""],
            ["Consent:ReviewEmergencyReason"] = [emergencyEntryId],
            ["Prescription:Issue"] = [MedChainRequests.Prescription(patientId)],
            ["Prescription:Dispense"] = [rx],
            ["Prescription:SetDispensingCode"] = [openRx],
            ["Prescription:Cancel"] = [rx],
            ["Prescription:Get"] = [rx],
            ["Prescription:History"] = [rx],
            ["Prescription:ListByPatient"] = [patientId, "10", ""],
            ["Prescription:ListByPharmacy"] = ["Org2MSP", "10", ""],
            ["RecordAnchor:Anchor"] = [MedChainRequests.Anchor(MedChainRequests.NewRecordId(), patientId)],
            ["RecordAnchor:Supersede"] = [MedChainRequests.Supersede(recordId)],
            ["RecordAnchor:Verify"] = [recordId, MedChainRequests.Sha, "0"],
            ["RecordAnchor:Get"] = [recordId, "0"],
            ["RecordAnchor:ListVersions"] = [recordId, "10", ""],
            ["RecordAnchor:ListByPatient"] = [patientId, "10", ""],
            ["RecordAnchor:SignOff"] = [recordId, "0"],
            ["RecordAnchor:ListSignOffs"] = [recordId, "0", "10", ""],
            ["RecordAnchor:RequestErasure"] = [recordId],
            ["RecordAnchor:OrderErasure"] = [recordId],
            ["RecordAnchor:Erase"] = [recordId],
            ["Patient:Enroll"] = [MedChainRequests.NewPatientId()],
            ["Patient:ApproveTransfer"] = [patientId, "Org2MSP"],
            ["Patient:Transfer"] = [patientId],
            ["Patient:Get"] = [patientId],
            ["KeyGrant:Grant"] = [MedChainRequests.KeyGrant(recordId, "Org2MSP")],
            ["KeyGrant:Revoke"] = [MedChainRequests.KeyGrant(recordId, "Org3MSP")],
            ["KeyGrant:ListLapsed"] = ["Org1MSP", "10", ""],
        };
    }

    private static async Task<JsonElement> SubmitAsync(
        GatewayConnection connection, string function, string[] args, CancellationToken token, string? dispensingCode = null)
    {
        var (contract, name) = Split(function);
        var result = await connection.Network.GetContract("medchain", contract).SubmitTransactionAsync(name, MedChainRequests.Proposal(function, args, dispensingCode), token);
        return result.Length == 0 ? default : JsonDocument.Parse(result).RootElement.Clone();
    }

    private static (string Contract, string Name) Split(string function)
    {
        var colon = function.IndexOf(':', StringComparison.Ordinal);
        return (function[..colon], function[(colon + 1)..]);
    }

    private static Dictionary<string, string> Attributes(string role, string? id)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = role };
        if (id is not null)
        {
            attributes["medchain.id"] = id;
        }

        return attributes;
    }
}

[Collection(TlsNetworkGroup.Name)]
public sealed class RoleTableAcceptanceTlsTests(TlsNetworkFixture network) : RoleTableAcceptanceTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class RoleTableAcceptancePlainTests(PlainNetworkFixture network) : RoleTableAcceptanceTests(network);
