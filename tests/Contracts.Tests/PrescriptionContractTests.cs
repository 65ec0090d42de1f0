using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

public sealed class PrescriptionContractTests
{
    private static async Task<(TestNetwork Net, string Id)> IssuedAsync(JsonObject request)
    {
        var net = await CreateAsync();
        var rx = await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", request.Json());
        var id = (string)rx["prescriptionId"]!;
        if (request["designatedPharmacyMspId"] is null)
        {
            // Without a designated pharmacy, pharmacies dispense with the patient's code (sent with every proposal here).
            await net.WithDispensingCode().SubmitOkAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", id);
        }

        return (net, id);
    }

    [Fact]
    public async Task Issue_ByDoctor_ActiveWithFhirFieldsAndEvent()
    {
        var net = await CreateAsync();
        var result = await net.SubmitAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(repeats: 2, pharmacy: Ids.Pharmacy).Json());

        Assert.True(result.IsValid, result.Response.Message);
        var rx = Parse(result.Response);
        Assert.Equal("rx-" + result.TxId, (string?)rx["prescriptionId"]);
        Assert.Equal("active", (string?)rx["status"]);
        Assert.Equal(3, (int)rx["maxDispenses"]!);
        Assert.Equal(0, (int)rx["dispenseCount"]!);
        Assert.Equal("dr-alice", (string?)rx["prescriber"]!["personId"]);
        Assert.Null(rx["dosage"]);
        Assert.Null(rx["medication"]);
        Assert.Equal(T0, (DateTimeOffset)rx["validityPeriod"]!["start"]!);
        var read = await net.EvaluateOkAsync(Ids.Pharmacist, T0, "Prescription:Get", (string)rx["prescriptionId"]!);
        Assert.Equal("d", (string?)read["dosage"]!["periodUnit"]);
        Assert.Equal("PrescriptionIssued", result.Event?.EventName);
        var payload = JsonNode.Parse(result.Event!.Payload.ToStringUtf8())!.AsObject();
        Assert.Equal(Ids.Pharmacy, (string?)payload["designatedPharmacyMspId"]);
        Assert.Null(payload["medication"]);
    }

    [Fact]
    public async Task Dispense_AllFillsThenOneMore_CompletedThenRejected()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 1));

        var first = await net.SubmitOkAsync(Ids.Pharmacist, T0.AddDays(1), "Prescription:Dispense", id);
        var second = await net.SubmitOkAsync(Ids.Pharmacist2, T0.AddDays(2), "Prescription:Dispense", id);
        var third = await net.SubmitAsync(Ids.Pharmacist, T0.AddDays(3), "Prescription:Dispense", id);

        Assert.Equal("active", (string?)first["status"]);
        Assert.Equal(2, (int)second["dispenseCount"]!);
        Assert.Equal("completed", (string?)second["status"]);
        Assert.Equal("ph-dave", (string?)second["lastDispense"]!["pharmacist"]!["personId"]);
        Assert.Equal(409, third.Response.Status);
        Assert.Contains("completed", third.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispense_TwoPharmaciesConcurrently_ExactlyOneValidOtherMvccConflict()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 0));

        var a = await net.SimulateAsync(Ids.Pharmacist, T0.AddDays(1), "Prescription:Dispense", id);
        var b = await net.SimulateAsync(Ids.Pharmacist2, T0.AddDays(1), "Prescription:Dispense", id);
        Assert.True(a.Response.IsSuccess && b.Response.IsSuccess, "both endorse on the same state");
        var results = new[] { net.Tester.Commit(a), net.Tester.Commit(b) };

        Assert.Single(results, r => r.ValidationCode == PeerPb.TxValidationCode.Valid);
        Assert.Single(results, r => r.ValidationCode == PeerPb.TxValidationCode.MvccReadConflict);
        var rx = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddDays(2), "Prescription:Get", id);
        Assert.Equal(1, (int)rx["dispenseCount"]!);
        Assert.Equal("completed", (string?)rx["status"]);
    }

    [Fact]
    public async Task Dispense_RacesOnPrescriptionWithRepeats_NeverMoreThanAllowed()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 2));
        var pharmacists = new[] { Ids.Pharmacist, Ids.Pharmacist2 };
        var valid = 0;

        for (var round = 0; round < 4; round++)
        {
            var time = T0.AddDays(round + 1);
            var racing = new List<SimulatedTransaction>();
            foreach (var pharmacist in pharmacists)
            {
                racing.Add(await net.SimulateAsync(pharmacist, time, "Prescription:Dispense", id));
            }

            foreach (var tx in racing.Where(t => t.Response.IsSuccess))
            {
                valid += net.Tester.Commit(tx).IsValid ? 1 : 0;
            }
        }

        var rx = await net.EvaluateOkAsync(Ids.RegulatorPerson, T0.AddDays(9), "Prescription:Get", id);
        Assert.Equal(3, valid);
        Assert.Equal(3, (int)rx["dispenseCount"]!);
        Assert.Equal("completed", (string?)rx["status"]);
    }

    [Fact]
    public async Task Dispense_AfterValidityEndByTxTime_RejectedAsExpired()
    {
        // T0 is in 2030: were the local clock used, dispensing inside the period would fail as "not valid before".
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 5, end: T0.AddDays(30)));

        var inside = await net.SubmitAsync(Ids.Pharmacist, T0.AddDays(29), "Prescription:Dispense", id);
        var after = await net.SubmitAsync(Ids.Pharmacist, T0.AddDays(30).AddSeconds(1), "Prescription:Dispense", id);

        Assert.True(inside.IsValid, inside.Response.Message);
        Assert.Equal(409, after.Response.Status);
        Assert.Contains("expired", after.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispense_BeforeValidityStart_Rejected()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(start: T0.AddDays(10), end: T0.AddDays(40)));

        var early = await net.SubmitAsync(Ids.Pharmacist, T0.AddDays(9), "Prescription:Dispense", id);

        Assert.Contains("not valid before", early.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispense_ByOtherThanDesignatedPharmacy_Forbidden()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(pharmacy: Ids.Pharmacy));

        var other = await net.SubmitAsync(Ids.Pharmacist2, T0.AddDays(1), "Prescription:Dispense", id);
        var designated = await net.SubmitAsync(Ids.Pharmacist, T0.AddDays(1), "Prescription:Dispense", id);

        Assert.Equal(403, other.Response.Status);
        Assert.Contains(Ids.Pharmacy, other.Response.Message, StringComparison.Ordinal);
        Assert.True(designated.IsValid, designated.Response.Message);
        Assert.Equal("PrescriptionDispensed", designated.Event?.EventName);
    }

    [Fact]
    public async Task Cancel_BeforeAnyFill_CancelledAndDispenseRejected()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 1));

        var cancelled = await net.SubmitAsync(Ids.Patient, T0.AddHours(1), "Prescription:Cancel", id);
        var dispense = await net.SubmitAsync(Ids.Pharmacist, T0.AddHours(2), "Prescription:Dispense", id);

        Assert.Equal("PrescriptionCancelled", cancelled.Event?.EventName);
        Assert.Equal("cancelled", (string?)Parse(cancelled.Response)["status"]);
        Assert.Contains("cancelled", dispense.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AfterAFill_Stopped()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 1));
        await net.SubmitOkAsync(Ids.Pharmacist, T0.AddHours(1), "Prescription:Dispense", id);

        var stopped = await net.SubmitOkAsync(Ids.Doctor, T0.AddHours(2), "Prescription:Cancel", id);

        Assert.Equal("stopped", (string?)stopped["status"]);
        Assert.Equal("dr-alice", (string?)stopped["statusChangedBy"]!["personId"]);
    }

    [Fact]
    public async Task Cancel_ByAnotherDoctor_Forbidden()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription());

        var result = await net.SubmitAsync(Ids.Doctor3, T0.AddHours(1), "Prescription:Cancel", id);

        Assert.Equal(403, result.Response.Status);
    }

    [Fact]
    public async Task History_AfterIssueDispenseCancel_FullTraceNewestFirst()
    {
        var (net, id) = await IssuedAsync(Requests.Prescription(repeats: 2));
        await net.SubmitOkAsync(Ids.Pharmacist, T0.AddDays(1), "Prescription:Dispense", id);
        await net.SubmitOkAsync(Ids.Patient, T0.AddDays(2), "Prescription:Cancel", id);

        var history = (await net.EvaluateOkAsync(Ids.Patient, T0.AddDays(3), "Prescription:History", id)).Items().ToList();

        Assert.Equal(["stopped", "active", "active"], history.Select(h => (string)h["value"]!["status"]!));
        Assert.Equal([1, 1, 0], history.Select(h => (int)h["value"]!["dispenseCount"]!));
        Assert.Equal(T0.AddDays(2), (DateTimeOffset)history[0]["timestamp"]!);
    }

    [Fact]
    public async Task ListByPatientAndPharmacy_PagedWithBookmark()
    {
        var net = await CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var rx = await net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(i), "Prescription:Issue", Requests.Prescription(pharmacy: Ids.Pharmacy).Json());
            ids.Add((string)rx["prescriptionId"]!);
        }

        var seen = new List<string>();
        var bookmark = string.Empty;
        var pages = 0;
        do
        {
            var page = await net.EvaluateOkAsync(Ids.Patient, T0.AddHours(1), "Prescription:ListByPatient", Ids.PatientId, "2", bookmark);
            seen.AddRange(page["items"]!.Items().Select(i => (string)i["prescriptionId"]!));
            Assert.True((int)page["fetchedCount"]! <= 2);
            bookmark = (string)page["bookmark"]!;
            pages++;
        }
        while (bookmark.Length > 0 && pages < 10);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        Assert.InRange(pages, 3, 4);
        var byPharmacy = await net.EvaluateOkAsync(Ids.Pharmacist, T0.AddHours(1), "Prescription:ListByPharmacy", Ids.Pharmacy, "10", "");
        Assert.Equal(5, byPharmacy["items"]!.Items().Count());
        var otherPharmacy = await net.EvaluateOkAsync(Ids.Pharmacist2, T0.AddHours(1), "Prescription:ListByPharmacy", Ids.Pharmacy2, "10", "");
        Assert.Empty(otherPharmacy["items"].Items());
    }
}
