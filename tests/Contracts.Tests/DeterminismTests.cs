using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using MedChain.Shim.Testing;

namespace MedChain.Contracts.Tests;

/// <summary>Two endorsers running the same proposal must produce the same read/write set and answer.</summary>
public sealed class DeterminismTests
{
    public static TheoryData<string, string[]> Proposals() => new()
    {
        { "doctor", ["Prescription:Issue", Requests.Prescription(repeats: 2).Json()] },
        { "patient", ["Consent:Grant", Requests.Consent().Json()] },
        { "doctor", ["Consent:EmergencyAccess", Requests.RecordId, "resuscitation", Wire.ReasonDocument("cardiac arrest"), "emergency-reason-0001"] },
        { "pharmacist", ["Consent:CheckAccess", Requests.RecordId, "treatment"] },
        { "hospital-service", ["Patient:Enroll", "pat-" + new string('e', 32)] },
        { "patient", ["Patient:ApproveTransfer", Ids.PatientId, Ids.Hospital2] },
        { "pharmacist", ["Patient:Transfer", Ids.PatientId] },
        { "pharmacist", ["Prescription:Dispense", "{rx}"] },
        { "pharmacist", ["Prescription:Dispense", "{open-rx}"] },
        { "patient", ["Prescription:SetDispensingCode", "{open-rx}"] },
        { "hospital-service", ["RecordAnchor:Erase", "rec-001"] },
        { "doctor", ["RecordAnchor:SignOff", "rec-001", "0"] },
        { "hospital-service", ["RecordAnchor:Anchor", Requests.Anchor("rec-002").Json()] },

        // Typed requests bound against their schemas (lists normalised, optional fields left out or given).
        { "hospital-service", ["RecordAnchor:Supersede", new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 5, ["blobRef"] = "records/v2", ["keyId"] = "k2" }.Json()] },
        { "patient", ["Consent:Grant", UnorderedConsent()] },
        { "doctor", ["Prescription:Issue", Requests.Prescription(repeats: 1, pharmacy: Ids.Pharmacy, start: TestNetwork.T0.AddHours(1)).Json()] },
        { "regulator-service", ["Admin:ConfigureOrganizations", Ids.RegistryRequest] },
    };

    private static string UnorderedConsent()
    {
        var consent = Requests.Consent(personId: "ph-carol");
        consent["scope"] = new JsonObject { ["recordTypes"] = new JsonArray("lab-result", "imaging", "lab-result"), ["recordIds"] = new JsonArray("rec-9", Requests.RecordId) };
        return consent.Json();
    }

    [Theory]
    [MemberData(nameof(Proposals))]
    public async Task Transaction_EndorsedTwice_IdenticalWritesEventAndResult(string role, string[] args)
    {
        var scenario = await Scenario.CreateAsync();
        args = [.. args.Select(a => a switch { "{rx}" => scenario.PrescriptionId, "{open-rx}" => scenario.OpenPrescriptionId, _ => a })];
        var (wire, content) = Wire.Split(args);
        args = wire;
        var options = new TransactionOptions { TxId = new string('c', 64), TransientMap = Wire.Merge(scenario.Net.Transient, content) };
        var tester = scenario.Net.Tester;
        scenario.Net.Clock.Now = Scenario.Now;
        var ct = TestContext.Current.CancellationToken;

        var first = await tester.SimulateAsync(scenario.Net.Chaincode, args, Ids.ByRole[role], Scenario.Now, options, ct);
        var second = await tester.SimulateAsync(new TestClock(Scenario.Now).Chaincode(), args, Ids.ByRole[role], Scenario.Now, options, ct);

        Assert.True(first.Response.IsSuccess, first.Response.Message);
        Assert.NotEmpty(first.WriteSet);
        Assert.Equal(Dump(first), Dump(second));
    }

    private static string Dump(SimulatedTransaction tx) =>
        string.Join('\n', tx.WriteSet.Select(w => $"{w.Key.Replace('\0', '|')}={Convert.ToHexString(w.Value ?? [])}"))
        + "\n" + string.Join('\n', tx.OnChain.PrivateWriteHashes.Select(w => $"{w.Collection}:{Convert.ToHexString(w.KeyHash)}={Convert.ToHexString(w.ValueHash ?? [])}"))
        + $"\nevent={tx.Event?.EventName}:{tx.Event?.Payload.ToBase64()}\nresult={Convert.ToHexString(tx.Response.Payload)}";
}
