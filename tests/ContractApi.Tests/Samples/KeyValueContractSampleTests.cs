using System.Text;
using MedChain.Samples.KeyValueContract;
using MedChain.Shim;
using MedChain.Shim.Testing;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.ContractApi.Tests.Samples;

/// <summary>The KeyValueContract sample through the in-memory stub and through the real chaincode server.</summary>
public sealed class KeyValueContractSampleTests
{
    private readonly ChaincodeTester _tester = new(new InMemoryLedger(), "kv");
    private readonly ContractChaincode _chaincode = new(new KeyValueContract());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TransactionResult> Invoke(params string[] args) =>
        _tester.InvokeAsync(_chaincode, args, Support.Doctor, Support.Time, cancellationToken: Ct);

    [Fact]
    public async Task PutThenGet_InMemory_StoresUtf8AndReturnsValue()
    {
        var put = await Invoke("Put", "k", "välue");
        var get = await Invoke("Get", "k");

        Assert.True(put.IsValid, put.Response.Message);
        Assert.Equal("välue", _tester.Ledger.GetState("kv", "k").Text());
        Assert.Equal((ChaincodeResponse.OkStatus, "välue"), (get.Response.Status, get.Response.Text()));
    }

    [Fact]
    public async Task Put_WithContractPrefix_RoutesToSameContract()
    {
        await Invoke("kv:Put", "k", "v");

        Assert.Equal("v", (await Invoke("Get", "k")).Response.Text());
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsKeyNotFoundError()
    {
        var get = await Invoke("Get", "nope");

        Assert.Equal((500, "key not found: nope"), (get.Response.Status, get.Response.Message));
    }

    [Theory]
    [InlineData("Delete", "k")]
    [InlineData("Put", "k")]
    [InlineData("Get")]
    // The contract API answers a request it cannot route or bind with 400 (the plain sample says 500).
    public async Task Invoke_UnknownFunctionOrWrongArguments_ReturnsErrorAndWritesNothing(params string[] args)
    {
        var result = await Invoke(args);

        Assert.Equal(400, result.Response.Status);
        Assert.Null(_tester.Ledger.GetState("kv", "k"));
    }

    [Fact]
    public async Task PutThenGet_OverChaincodeServer_ReachesPeerLedger()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ContractChaincode(new KeyValueContract()), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var put = await peer.InvokeAsync(Ct, "Put", "k", "v");
        var get = await peer.InvokeAsync(Ct, "Get", "k");

        Assert.Equal(200, PeerPb.Response.Parser.ParseFrom(put.Payload).Status);
        Assert.Equal("v", Encoding.UTF8.GetString(peer.Ledger.Get("k")!));
        Assert.Equal(MessageType.Completed, get.Type);
        Assert.Equal("v", PeerPb.Response.Parser.ParseFrom(get.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Get_MissingKey_OverChaincodeServer_Returns500()
    {
        await using var fixture = await ChaincodeServerFixture.StartAsync(new ContractChaincode(new KeyValueContract()), Ct);
        var peer = await fixture.ConnectAsync(Ct);

        var reply = await peer.InvokeAsync(Ct, "Get", "nope");

        var response = PeerPb.Response.Parser.ParseFrom(reply.Payload);
        Assert.Equal((500, "key not found: nope"), (response.Status, response.Message));
    }
}
