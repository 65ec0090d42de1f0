using System.Security.Cryptography;
using Grpc.Core;
using MedChain.FabricClient;
using Microsoft.Extensions.Options;

namespace MedChain.EmbeddedLedger.Server.Tests;

/// <summary>
/// The embedded ledger server end to end through the project's own Fabric Gateway client: it must answer as a
/// Fabric 2.5 peer's Gateway does, and keep its ledger across restarts.
/// </summary>
public sealed class GatewayTests : IDisposable
{
    private static readonly Member _hospitalService = Orgs.Issue(Orgs.HospitalCa, Orgs.Hospital, "gateway", "service");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("medchain-ledger-server-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Evaluate_TheRegistryBootstrappedAtStartUp_IsAnswered()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (_, contract) = server.Connect(_hospitalService);

        var registry = Json.Parse(await contract.EvaluateTransactionAsync("Admin:GetOrganizations"));

        var kinds = registry.GetProperty("organizations").EnumerateArray().ToDictionary(o => o.GetProperty("mspId").GetString()!, o => o.GetProperty("kind").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Org1MSP"] = "hospital", ["Org2MSP"] = "pharmacy", ["Org3MSP"] = "regulator" }, kinds);
    }

    [Fact]
    public async Task Submit_IsCommittedValid_WithTheResult_AndTheStateIsRead()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (_, contract) = server.Connect(_hospitalService);
        var patientId = NewPatientId();

        var submitted = await contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(patientId), Ct);
        var status = await submitted.GetStatusAsync(Ct);

        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.Equal(2UL, status.BlockNumber); // block 1 is the registry's init
        Assert.Equal(patientId, Json.Parse(submitted.Result).GetProperty("patientId").GetString());
        var enrolment = Json.Parse(await contract.EvaluateTransactionAsync("Patient:Get", [patientId], Ct));
        Assert.Equal(Orgs.Hospital, enrolment.GetProperty("mspId").GetString());
    }

    [Fact]
    public async Task ARefusedChaincodeCall_HasFabricsErrorShape_AndCommitsNothing()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (_, contract) = server.Connect(_hospitalService);
        var patientId = NewPatientId();
        await contract.SubmitTransactionAsync("Patient:Enroll", [patientId], Ct);

        var endorse = await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitTransactionAsync("Patient:Enroll", [patientId], Ct));
        Assert.Equal(StatusCode.Aborted, endorse.StatusCode);
        Assert.Equal("failed to endorse transaction, see attached details for more info", endorse.Status!.Value.Detail);
        var detail = Assert.Single(endorse.Details);
        Assert.Equal(Orgs.Hospital, detail.MspId);
        Assert.Equal($"chaincode response 409, conflict: patient '{patientId}' is already enrolled at '{Orgs.Hospital}'", detail.Message);

        var evaluate = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("Patient:Get", [NewPatientId()], Ct));
        Assert.Equal(StatusCode.Unknown, evaluate.StatusCode);
        Assert.StartsWith("evaluate call to endorser returned error: chaincode response 404, ", evaluate.Status!.Value.Detail, StringComparison.Ordinal);
        Assert.StartsWith("chaincode response 404, ", Assert.Single(evaluate.Details).Message, StringComparison.Ordinal);

        // Nothing of the refused call reached a block: the next transaction is in the block after the first enrolment.
        var next = await contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId()), Ct);
        Assert.Equal(3UL, (await next.GetStatusAsync(Ct)).BlockNumber);
    }

    [Fact]
    public async Task ACreatorOutsideTheChannel_IsRefusedAsAPeerRefusesIt()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var unknownOrganization = Orgs.Issue(Orgs.StrangerCa, "Org9MSP", "mallory", "service");
        var wrongCa = Orgs.Issue(Orgs.StrangerCa, Orgs.Hospital, "mallory", "service");

        var endorse = await Assert.ThrowsAsync<EndorseException>(() => server.Connect(unknownOrganization).Contract.SubmitTransactionAsync("Patient:Enroll", [NewPatientId()], Ct));
        Assert.Equal(StatusCode.Aborted, endorse.StatusCode);
        Assert.Equal("error validating proposal: access denied: channel [medchain] creator org unknown, creator is malformed", Assert.Single(endorse.Details).Message);

        var evaluate = await Assert.ThrowsAsync<GatewayException>(() => server.Connect(wrongCa).Contract.EvaluateTransactionAsync("Admin:GetOrganizations"));
        Assert.Equal(StatusCode.FailedPrecondition, evaluate.StatusCode);
        Assert.Equal("error validating proposal: access denied: channel [medchain] creator org [Org1MSP]", Assert.Single(evaluate.Details).Message);
    }

    [Fact]
    public async Task ATamperedSignature_IsRefused_OnTheProposalAndOnTheTransaction()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (gateway, contract) = server.Connect(_hospitalService);
        using var otherKey = new EcdsaSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));

        var proposal = contract.NewProposal("Admin:GetOrganizations");
        var forged = gateway.NewSignedProposal(proposal.Bytes, await otherKey.SignAsync(proposal.Digest, Ct));
        var refused = await Assert.ThrowsAsync<GatewayException>(() => forged.EvaluateAsync(Ct));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("error validating proposal: access denied: channel [medchain] creator org [Org1MSP]", Assert.Single(refused.Details).Message);

        var patientId = NewPatientId();
        var endorsed = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(patientId)).EndorseAsync(Ct);
        var tampered = gateway.NewSignedTransaction(endorsed.Bytes, await otherKey.SignAsync(endorsed.Digest, Ct));
        var submit = await Assert.ThrowsAsync<SubmitException>(() => tampered.SubmitAsync(Ct));
        Assert.Equal(StatusCode.Aborted, submit.StatusCode);
        Assert.Contains("status=FORBIDDEN", submit.Status!.Value.Detail, StringComparison.Ordinal);

        // The forgery consumed nothing: the client's own signed transaction still commits.
        var status = await (await endorsed.SubmitAsync(Ct)).GetStatusAsync(Ct);
        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
    }

    [Fact]
    public async Task TwoEndorsementsOfConflictingTransactions_BothSubmitted_ExactlyOneIsValid()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (_, contract) = server.Connect(_hospitalService);
        var patientId = NewPatientId();

        // Both read the patient's key as absent and write it: the second to commit read a stale version.
        var first = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(patientId)).EndorseAsync(Ct);
        var second = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(patientId)).EndorseAsync(Ct);
        var statuses = new[]
        {
            await (await first.SubmitAsync(Ct)).GetStatusAsync(Ct),
            await (await second.SubmitAsync(Ct)).GetStatusAsync(Ct),
        };

        Assert.Equal(PeerPb.TxValidationCode.Valid, statuses[0].Code);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, statuses[1].Code);
        Assert.Equal(statuses[0].BlockNumber + 1, statuses[1].BlockNumber);
    }

    [Fact]
    public async Task TheLedger_SurvivesARestartOnTheSameDataDirectory_AndTheRegistryIsInitializedOnce()
    {
        var patientId = NewPatientId();
        ulong block;
        await using (var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory)))
        {
            var submitted = await server.Connect(_hospitalService).Contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(patientId), Ct);
            block = (await submitted.GetStatusAsync(Ct)).BlockNumber;
        }

        await using (var restarted = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory)))
        {
            var (_, contract) = restarted.Connect(_hospitalService);
            Assert.Equal(Orgs.Hospital, Json.Parse(await contract.EvaluateTransactionAsync("Patient:Get", [patientId], Ct)).GetProperty("mspId").GetString());

            // No second init block: the next transaction follows the last one of the first run directly.
            var next = await contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId()), Ct);
            Assert.Equal(block + 1, (await next.GetStatusAsync(Ct)).BlockNumber);
        }
    }

    [Fact]
    public async Task AnEndorsementNotSubmittedInTime_IsForgotten_AndCannotBeSubmittedLater()
    {
        var clock = new ManualClock();
        var settings = Orgs.Settings(_dataDirectory);
        settings["EmbeddedLedger:EndorsementLifetime"] = "00:10:00";
        await using var server = await TestLedgerServer.StartAsync(settings, clock);
        var (_, contract) = server.Connect(_hospitalService);

        var late = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId())).EndorseAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(11));
        var onTime = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId())).EndorseAsync(Ct);

        var refused = await Assert.ThrowsAsync<SubmitException>(() => late.SubmitAsync(Ct));
        Assert.Equal(StatusCode.Aborted, refused.StatusCode);
        Assert.Contains("endorsement expired", refused.Status!.Value.Detail, StringComparison.Ordinal);
        Assert.Equal(PeerPb.TxValidationCode.Valid, (await (await onTime.SubmitAsync(Ct)).GetStatusAsync(Ct)).Code);
    }

    [Fact]
    public async Task BeyondTheCapacity_TheOldestEndorsementIsForgotten()
    {
        var settings = Orgs.Settings(_dataDirectory);
        settings["EmbeddedLedger:MaxPendingEndorsements"] = "1";
        await using var server = await TestLedgerServer.StartAsync(settings);
        var (_, contract) = server.Connect(_hospitalService);

        var oldest = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId())).EndorseAsync(Ct);
        var newest = await contract.NewProposal("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId())).EndorseAsync(Ct);

        await Assert.ThrowsAsync<SubmitException>(() => oldest.SubmitAsync(Ct));
        Assert.Equal(PeerPb.TxValidationCode.Valid, (await (await newest.SubmitAsync(Ct)).GetStatusAsync(Ct)).Code);
    }

    [Fact]
    public async Task ChaincodeEvents_FromAStartBlock_ThenEachNewCommit_InBlockOrder()
    {
        await using var server = await TestLedgerServer.StartAsync(Orgs.Settings(_dataDirectory));
        var (gateway, contract) = server.Connect(_hospitalService);
        var first = await contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId()), Ct);
        var second = await contract.SubmitAsync("Patient:Enroll", ProposalOptions.WithArguments(NewPatientId()), Ct);
        await second.GetStatusAsync(Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var events = new List<ChaincodeEvent>();
        await foreach (var chaincodeEvent in gateway.GetNetwork("medchain").GetChaincodeEventsAsync("medchain", new ChaincodeEventsOptions { StartBlock = 2 }, stop.Token))
        {
            events.Add(chaincodeEvent);
            if (events.Count == 2)
            {
                // Committed while the stream is open: it arrives as the next event.
                await contract.SubmitTransactionAsync("Patient:Enroll", [NewPatientId()], Ct);
            }

            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([2UL, 3UL, 4UL], events.Select(e => e.BlockNumber));
        Assert.All(events, e => Assert.Equal("PatientEnrolled", e.EventName));
        Assert.Equal([first.TransactionId, second.TransactionId], events.Take(2).Select(e => e.TransactionId));
    }

    [Fact]
    public async Task WrongSettings_StopTheStart_NamingEachOne()
    {
        var settings = Orgs.Settings(_dataDirectory);
        settings["EmbeddedLedger:DataDirectory"] = string.Empty;
        settings["EmbeddedLedger:MspId"] = "Org7MSP";
        settings["EmbeddedLedger:Registry"] = "[1,2]";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestLedgerServer.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.Contains("EmbeddedLedger:DataDirectory", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("EmbeddedLedger:MspId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("EmbeddedLedger:Registry", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static string NewPatientId() => "pat-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
