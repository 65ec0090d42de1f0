using System.Text;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.GatewayClient;

/// <summary>
/// The .NET Gateway client (src/FabricClient) against a stock Fabric 2.5 peer's Gateway service,
/// with the kv sample deployed as chaincode-as-a-service. Runs once per network (TLS on and off).
/// </summary>
public abstract class GatewayClientTests(FabricNetworkFixture network)
{
    [Fact]
    public async Task SubmitThenEvaluate_OnEitherPeer_ReturnsTheCommittedValue()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var key = NewKey();
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        using var pharmacy = await network.ConnectAsync(2, network.User(2), token);

        await hospital.Network.GetContract("kv").SubmitTransactionAsync("Put", [key, "submitted"], token);

        foreach (var connection in new[] { hospital, pharmacy })
        {
            var value = await connection.Network.GetContract("kv").EvaluateTransactionAsync("Get", [key], token);
            Assert.Equal("submitted", Encoding.UTF8.GetString(value));
        }
    }

    [Fact]
    public async Task SubmitAsync_TwoSteps_GivesTheTransactionIdThenAValidCommitStatus()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        var contract = hospital.Network.GetContract("kv");

        var submitted = await contract.SubmitAsync("Put", ProposalOptions.WithArguments(NewKey(), "two steps"), token);
        Assert.Matches("^[0-9a-f]{64}$", submitted.TransactionId);
        var status = await submitted.GetStatusAsync(token);

        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.True(status.Successful, $"validation code {status.Code}");
        Assert.Equal(PeerPb.TxValidationCode.Valid, status.Code);
        Assert.True(status.BlockNumber > 0);
    }

    [Fact]
    public async Task Evaluate_MissingKey_ThrowsWithTheChaincodesMessage()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var key = NewKey();
        using var hospital = await network.ConnectAsync(1, network.User(1), token);

        var error = await Assert.ThrowsAnyAsync<GatewayException>(
            () => hospital.Network.GetContract("kv").EvaluateTransactionAsync("Get", [key], token));

        Assert.Contains($"key not found: {key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ReadOvertakenByAWriteToTheSameKey_FailsWithMvccReadConflict()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var key = NewKey();
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        var contract = hospital.Network.GetContract("kv");
        await contract.SubmitTransactionAsync("Put", [key, "v1"], token);

        // Both are endorsed against version v1 of the key; the write commits first, so the
        // read set of the second no longer matches the ledger when it is validated.
        var reader = await contract.NewProposal("Get", ProposalOptions.WithArguments(key)).EndorseAsync(token);
        var writer = await contract.NewProposal("Put", ProposalOptions.WithArguments(key, "v2")).EndorseAsync(token);
        var written = await SubmitAndWaitAsync(writer, token);
        var read = await SubmitAndWaitAsync(reader, token);

        Assert.Equal(PeerPb.TxValidationCode.Valid, written.Code);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, read.Code);
        Assert.False(read.Successful);
        // What SubmitTransactionAsync throws for it names the code.
        var error = new CommitException(read);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, error.ValidationCode);
        Assert.Contains(nameof(PeerPb.TxValidationCode.MvccReadConflict), error.Message, StringComparison.Ordinal);
        var value = await contract.EvaluateTransactionAsync("Get", [key], token);
        Assert.Equal("v2", Encoding.UTF8.GetString(value));
    }

    private static async Task<CommitStatus> SubmitAndWaitAsync(Transaction transaction, CancellationToken token) =>
        await (await transaction.SubmitAsync(token)).GetStatusAsync(token);

    private static string NewKey() => $"gw-{Guid.NewGuid():N}";
}

[Collection(TlsNetworkGroup.Name)]
public sealed class GatewayClientTlsTests(TlsNetworkFixture network) : GatewayClientTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class GatewayClientPlainTests(PlainNetworkFixture network) : GatewayClientTests(network);
