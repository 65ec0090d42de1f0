using System.Security.Cryptography;
using System.Text;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

/// <summary>A client without the key builds each step; the key holder signs its digest elsewhere.</summary>
public sealed class OfflineSigningTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    private sealed class RefusingSigner : ISigner
    {
        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("offline: this client holds no key");
    }

    [Fact]
    public async Task Submit_EveryStepSignedOffline_CommitsValid()
    {
        using var holder = TestIdentity.Issue(fixture.Ca);
        var gateway = Gateway.Connect(holder.Identity, new RefusingSigner(), fixture.Channel, GatewayPeerFixture.Unhurried);
        var contract = gateway.GetNetwork("records").GetContract("kv");
        var ct = TestContext.Current.CancellationToken;

        var unsigned = contract.NewProposal("put", ProposalOptions.WithArguments("offline", "v"));
        Assert.Equal(SHA256.HashData(GatewayPb.ProposedTransaction.Parser.ParseFrom(unsigned.Bytes).Proposal.ProposalBytes.Span), unsigned.Digest);
        var proposal = gateway.NewSignedProposal(unsigned.Bytes, await holder.Signer.SignAsync(unsigned.Digest, ct));
        var unsignedTransaction = await proposal.EndorseAsync(ct);
        var transaction = gateway.NewSignedTransaction(unsignedTransaction.Bytes, await holder.Signer.SignAsync(unsignedTransaction.Digest, ct));
        var submitted = await transaction.SubmitAsync(ct);
        var commit = gateway.NewSignedCommit(submitted.Bytes, await holder.Signer.SignAsync(submitted.Digest, ct));
        var status = await commit.GetStatusAsync(ct);

        Assert.Equal(unsigned.TransactionId, proposal.TransactionId);
        Assert.Equal("v", Encoding.UTF8.GetString(transaction.Result));
        Assert.True(status.Successful);
        Assert.Equal(unsigned.TransactionId, status.TransactionId);
    }

    [Fact]
    public async Task EvaluateAsync_UnsignedWithRefusingSigner_SignerErrorSurfaces()
    {
        using var holder = TestIdentity.Issue(fixture.Ca);
        var gateway = Gateway.Connect(holder.Identity, new RefusingSigner(), fixture.Channel, GatewayPeerFixture.Unhurried);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.GetNetwork("records").GetContract("kv").EvaluateTransactionAsync("echo", ["x"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void NewSignedProposal_NotAProposal_ThrowsArgumentException()
    {
        using var holder = TestIdentity.Issue(fixture.Ca);
        var gateway = Gateway.Connect(holder.Identity, holder.Signer, fixture.Channel, GatewayPeerFixture.Unhurried);

        Assert.Throws<ArgumentException>(() => gateway.NewSignedProposal([0xFF, 0xFF], [1]));
    }
}
