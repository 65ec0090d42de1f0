using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Contracts.Tests;

/// <summary>The contracts served by the shim's real ChaincodeServer, driven over gRPC on 127.0.0.1 the way a peer does.</summary>
public sealed class ChaincodeServerTests
{
    /// <summary>The timestamp the peer driver puts in every proposal: the endorser's clock is set there.</summary>
    private static readonly DateTimeOffset _peerDriverTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static async Task<PeerPb.Response> CallAsync(PeerDriver peer, Shim.Testing.TestIdentity who, params string[] args) =>
        (await CallWithEventAsync(peer, who, args)).Response;

    private static async Task<(PeerPb.Response Response, PeerPb.ChaincodeEvent? Event)> CallWithEventAsync(PeerDriver peer, Shim.Testing.TestIdentity who, params string[] args)
    {
        peer.Creator = who.SerializedIdentity;
        var (wire, transient) = Wire.Split(args);
        var reply = await peer.InvokeAsync(wire, TestContext.Current.CancellationToken, transient: transient);
        Assert.Equal(MessageType.Completed, reply.Type);
        return (PeerPb.Response.Parser.ParseFrom(reply.Payload), reply.ChaincodeEvent);
    }

    [Fact]
    public async Task Contracts_OverRealChaincodeStream_ConfigureAnchorCheckAccessAndRejectBadInput()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ChaincodeServerFixture.StartAsync(new TestClock(_peerDriverTime).Chaincode(), ct);
        var peer = await server.ConnectAsync(ct);

        peer.Creator = Ids.RegulatorService.SerializedIdentity;
        var initReply = await peer.InvokeAsync(["Admin:InitRegistry", Ids.RegistryRequest], ct, init: true);
        var configured = PeerPb.Response.Parser.ParseFrom(initReply.Payload);
        var anchored = await CallAsync(peer, Ids.HospitalService, "RecordAnchor:Anchor", Requests.Anchor().Json());
        var (check, checkEvent) = await CallWithEventAsync(peer, Ids.Doctor, "Consent:CheckAccess", Requests.RecordId, "treatment");
        var verify = await CallAsync(peer, Ids.Pharmacist, "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");
        var bad = await CallAsync(peer, Ids.Pharmacist, "RecordAnchor:Verify", Requests.RecordId, "not-a-hash", "0");
        var metadata = await CallAsync(peer, Ids.Pharmacist, "org.hyperledger.fabric:GetMetadata");

        Assert.Equal(200, configured.Status);
        Assert.Equal(200, anchored.Status);
        Assert.Equal(1, (int)JsonNode.Parse(anchored.Payload.ToStringUtf8())!.AsObject()["version"]!);
        Assert.True((bool)JsonNode.Parse(check.Payload.ToStringUtf8())!.AsObject()["allowed"]!);
        Assert.Equal("AccessLogged", checkEvent?.EventName);
        Assert.True((bool)JsonNode.Parse(verify.Payload.ToStringUtf8())!.AsObject()["matches"]!);
        Assert.Equal(400, bad.Status);
        Assert.StartsWith("invalid sha256:", bad.Message, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(metadata.Payload.ToStringUtf8())!.AsObject()["contracts"]!["Prescription"]);
    }
}
