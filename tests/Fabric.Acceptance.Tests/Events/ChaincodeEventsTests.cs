using MedChain.Fabric.Acceptance.Tests.Contracts;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Events;

/// <summary>
/// Chaincode events from a real peer through the .NET client's <c>ChaincodeEvents</c> stream, and a
/// listener that is restarted resuming after the last event it checkpointed.
/// </summary>
public abstract class ChaincodeEventsTests(FabricNetworkFixture network)
{
    // Guard only: a stream that never delivers must fail the test, not hang the run.
    private static readonly TimeSpan _streamGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Listener_RestartedWithItsCheckpoint_ResumesAfterTheLastProcessedEvent()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        using var hospital = await network.ConnectAsync(1, Service(), token);
        var admin = hospital.Network.GetContract("medchain", "Patient");
        var first = await CommitAsync(admin, token);
        var second = await CommitAsync(admin, token);
        var checkpoint = new InMemoryCheckpointer();

        // The first listener, at the pharmacy's peer, processes one event and stops.
        using (var listener = await network.ConnectAsync(2, Pharmacist(), token))
        {
            var received = await ReadUntilAsync(listener, new ChaincodeEventsOptions { StartBlock = first.BlockNumber }, first.TransactionId, token);
            var processed = received.Single(e => e.TransactionId == first.TransactionId);
            await checkpoint.CheckpointChaincodeEventAsync(processed, token);
        }

        var third = await CommitAsync(admin, token);

        // A new client (as after a process restart) given the checkpoint resumes after the first event.
        using var restarted = await network.ConnectAsync(2, Pharmacist(), token);
        var resumed = await ReadUntilAsync(restarted, new ChaincodeEventsOptions { Checkpoint = checkpoint }, third.TransactionId, token);

        var ours = new[] { first.TransactionId, second.TransactionId, third.TransactionId };
        Assert.Equal([second.TransactionId, third.TransactionId], resumed.Select(e => e.TransactionId).Where(ours.Contains));
        var last = resumed.Single(e => e.TransactionId == third.TransactionId);
        Assert.Equal("PatientEnrolled", last.EventName);
        Assert.Equal(third.BlockNumber, last.BlockNumber);
    }

    // Each commit enrols a new patient, which emits PatientEnrolled.
    private static async Task<CommitStatus> CommitAsync(Contract patients, CancellationToken token)
    {
        var submitted = await patients.SubmitAsync("Enroll", ProposalOptions.WithArguments(MedChainRequests.NewPatientId()), token);
        var status = await submitted.GetStatusAsync(token);
        Assert.True(status.Successful, $"validation code {status.Code}");
        return status;
    }

    private static async Task<List<ChaincodeEvent>> ReadUntilAsync(
        GatewayConnection connection, ChaincodeEventsOptions options, string lastTransactionId, CancellationToken token)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(token);
        guard.CancelAfter(_streamGuard);
        var received = new List<ChaincodeEvent>();
        await foreach (var e in connection.Network.GetChaincodeEventsAsync("medchain", options, guard.Token))
        {
            received.Add(e);
            if (e.TransactionId == lastTransactionId)
            {
                break;
            }
        }

        return received;
    }

    private IssuedIdentity Service() =>
        network.IssueIdentity(1, "hospital-service", new Dictionary<string, string> { ["medchain.role"] = "service" });

    private IssuedIdentity Pharmacist() =>
        network.IssueIdentity(2, "ph-listener", new Dictionary<string, string> { ["medchain.role"] = "pharmacist", ["medchain.id"] = "ph-listener" });
}

[Collection(TlsNetworkGroup.Name)]
public sealed class ChaincodeEventsTlsTests(TlsNetworkFixture network) : ChaincodeEventsTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class ChaincodeEventsPlainTests(PlainNetworkFixture network) : ChaincodeEventsTests(network);
