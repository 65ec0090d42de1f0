using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using MedChain.FabricClient.Internal;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class ErrorTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    [Fact]
    public async Task SubmitTransactionAsync_ChaincodeError_EndorseExceptionWithEachPeersDetail()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var error = await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitTransactionAsync("fail", ["consent for patient-7 not found"], TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Matches("^[0-9a-f]{64}$", error.TransactionId);
        Assert.Equal(
            [
                new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 500, consent for patient-7 not found"),
                new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", "chaincode response 500, consent for patient-7 not found"),
            ],
            error.Details);
        Assert.Contains("consent for patient-7 not found", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.TransactionId!, error.Message, StringComparison.Ordinal);
        Assert.IsType<RpcException>(error.InnerException);
    }

    [Fact]
    public async Task EvaluateTransactionAsync_ChaincodeError_GatewayExceptionWithMessageIntact()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("kv");

        var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("fail", ["no such record: rec-42"], TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Details.Count);
        Assert.All(error.Details, d => Assert.EndsWith("no such record: rec-42", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_HighSSigner_PeerRejectsSignature()
    {
        using var identity = TestIdentity.Issue(fixture.Ca);
        using var key = ECDsa.Create();
        key.ImportFromPem(identity.PrivateKeyPem);
        var gateway = Gateway.Connect(identity.Identity, new HighSSigner(key), fixture.Channel, GatewayPeerFixture.Unhurried);

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("records").GetContract("kv").EvaluateTransactionAsync("echo", ["x"], TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("half the order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndorseAsync_SignerOfAnotherIdentity_PeerRejectsSignature()
    {
        using var identity = TestIdentity.Issue(fixture.Ca);
        using var impostor = TestIdentity.Issue(fixture.Ca, name: "impostor");
        var gateway = Gateway.Connect(identity.Identity, impostor.Signer, fixture.Channel, GatewayPeerFixture.Unhurried);

        var error = await Assert.ThrowsAsync<EndorseException>(() => gateway.GetNetwork("records").GetContract("kv").NewProposal("echo").EndorseAsync(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(error.Details);
    }

    [Fact]
    public async Task GetStatusAsync_UnknownTransaction_CommitStatusException()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var request = new GatewayPb.CommitStatusRequest
        {
            TransactionId = "0000000000000000000000000000000000000000000000000000000000000000",
            ChannelId = "records",
            Identity = ByteString.CopyFrom(identity.Identity.ToSerializedIdentity()),
        }.ToByteString();
        var signature = await identity.Signer.SignAsync(SHA256.HashData(request.Span), TestContext.Current.CancellationToken);
        var commit = gateway.NewSignedCommit(new GatewayPb.SignedCommitStatusRequest { Request = request }.ToByteArray(), signature);

        var error = await Assert.ThrowsAsync<CommitStatusException>(() => commit.GetStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(commit.TransactionId, error.TransactionId);
    }

    [Fact]
    public void ParseDetails_GarbageTrailer_NoDetails()
    {
        var trailers = new Metadata { { GatewayCalls.StatusDetailsTrailer, new byte[] { 0xFF, 0xFF, 0xFF } } };

        Assert.Empty(GatewayCalls.ParseDetails(trailers));
    }

    /// <summary>Signs correctly but always hands out the high-S twin of the signature, as a non-Fabric signer might.</summary>
    private sealed class HighSSigner(ECDsa key) : ISigner
    {
        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
        {
            var order = EcdsaSignatures.CurveOrder(key);
            var (r, s) = EcdsaSignatures.ParseDer(key.SignHash(digest.Span, DSASignatureFormat.Rfc3279DerSequence));
            return ValueTask.FromResult(EcdsaSignatures.EncodeDer(r, s > order / 2 ? s : order - s));
        }
    }
}
