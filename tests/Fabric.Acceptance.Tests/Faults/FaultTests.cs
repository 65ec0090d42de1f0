using System.Text;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Faults;

/// <summary>
/// Faults on a real network with the kv sample: a peer restarted, the chaincode server restarted,
/// the chaincode server gone. Each test leaves every process running again.
/// </summary>
public abstract class FaultTests(FabricNetworkFixture network)
{
    private const string _kvServer = "chaincode-kv";

    // Guard only: a call that hangs must fail the test, not the run.
    private static readonly TimeSpan _callGuard = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task PeerRestarted_TheChaincodeServerServesItsNextTransaction()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var key = NewKey();
        using (var before = await network.ConnectAsync(1, network.User(1), token))
        {
            // Both peers hold a stream to the chaincode server now.
            await PutAsync(before, key, "before", token);
        }

        await network.StopProcessesAsync([FabricNetworkFixture.PeerProcess(1)], token);
        await network.StartStoppedNodesAsync(token);

        using var after = await network.ConnectAsync(1, network.User(1), token);
        var status = await PutAsync(after, key, "after", token);
        // VALID needs both peers' endorsements (MAJORITY): both were served by the chaincode server.
        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
        await AssertValueAsync(after, key, "after", token);
    }

    [Fact]
    public async Task ChaincodeServerRestarted_PeersReconnectAndNothingIsHalfDone()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var (kept, refused) = (NewKey(), NewKey());
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        await PutAsync(hospital, kept, "v1", token);

        await network.StopProcessesAsync([_kvServer], token);
        try
        {
            // Refused while the server is down: the write must not appear later.
            await Assert.ThrowsAsync<EndorseException>(() => PutAsync(hospital, refused, "lost", token));
        }
        finally
        {
            await network.StartChaincodeServerAsync("kv", token);
        }

        var status = await PutAsync(hospital, kept, "v2", token);
        // VALID needs both peers' endorsements (MAJORITY): both reconnected to the new server.
        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
        await AssertValueAsync(hospital, kept, "v2", token);
        using var pharmacy = await network.ConnectAsync(2, network.User(2), token);
        var missing = await Assert.ThrowsAnyAsync<GatewayException>(
            () => pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("Get", [refused], token));
        Assert.Contains($"key not found: {refused}", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChaincodeServerUnreachable_SubmitFailsAtEndorsementNamingTheChaincode()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        using var hospital = await network.ConnectAsync(1, network.User(1), token);

        await network.StopProcessesAsync([_kvServer], token);
        EndorseException error;
        try
        {
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(token);
            guard.CancelAfter(_callGuard);
            error = await Assert.ThrowsAsync<EndorseException>(
                () => hospital.Network.GetContract("kv").SubmitAsync("Put", ProposalOptions.WithArguments(NewKey(), "v"), guard.Token));
        }
        finally
        {
            await network.StartChaincodeServerAsync("kv", token);
        }

        Assert.NotNull(error.TransactionId);
        Assert.Contains("kv_1.0", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Details);
    }

    private static async Task<CommitStatus> PutAsync(GatewayConnection connection, string key, string value, CancellationToken token)
    {
        var submitted = await connection.Network.GetContract("kv").SubmitAsync("Put", ProposalOptions.WithArguments(key, value), token);
        return await submitted.GetStatusAsync(token);
    }

    // Read through the gateway that waited for the commit, so its peer has the block.
    private static async Task AssertValueAsync(GatewayConnection connection, string key, string expected, CancellationToken token)
    {
        var value = await connection.Network.GetContract("kv").EvaluateTransactionAsync("Get", [key], token);
        Assert.Equal(expected, Encoding.UTF8.GetString(value));
    }

    private static string NewKey() => $"fault-{Guid.NewGuid():N}";
}

[Collection(TlsNetworkGroup.Name)]
public sealed class FaultTlsTests(TlsNetworkFixture network) : FaultTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class FaultPlainTests(PlainNetworkFixture network) : FaultTests(network);
