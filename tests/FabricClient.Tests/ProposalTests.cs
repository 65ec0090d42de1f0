using System.Security.Cryptography;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class ProposalTests(GatewayPeerFixture fixture) : IClassFixture<GatewayPeerFixture>
{
    [Fact]
    public void NewProposal_Built_ParsesBackToFabricHeaders()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("consent", "ConsentContract");
        var options = ProposalOptions.WithArguments("patient-1", "hospital-a");
        options.TransientData["secret"] = "s3cret"u8.ToArray();
        options.EndorsingOrganizations.Add("Org2MSP");
        var before = DateTime.UtcNow.AddSeconds(-1);

        var proposal = contract.NewProposal("Grant", options);

        var proposed = GatewayPb.ProposedTransaction.Parser.ParseFrom(proposal.Bytes);
        Assert.Equal(proposal.TransactionId, proposed.TransactionId);
        Assert.Equal(["Org2MSP"], proposed.EndorsingOrganizations);
        Assert.True(proposed.Proposal.Signature.IsEmpty);

        var fabricProposal = PeerPb.Proposal.Parser.ParseFrom(proposed.Proposal.ProposalBytes);
        var header = CommonPb.Header.Parser.ParseFrom(fabricProposal.Header);
        var channelHeader = CommonPb.ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = CommonPb.SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        Assert.Equal((int)CommonPb.HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal("records", channelHeader.ChannelId);
        Assert.Equal(proposal.TransactionId, channelHeader.TxId);
        Assert.Equal(0, channelHeader.Version);
        Assert.Equal(0UL, channelHeader.Epoch);
        Assert.InRange(channelHeader.Timestamp.ToDateTime(), before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal("consent", PeerPb.ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name);

        Assert.Equal(24, signatureHeader.Nonce.Length);
        var creator = MspPb.SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator);
        Assert.Equal("Org1MSP", creator.Mspid);
        Assert.Equal(identity.CertificatePem, creator.IdBytes.ToStringUtf8());
        var expectedTxId = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
        Assert.Equal(expectedTxId, proposal.TransactionId);

        var payload = PeerPb.ChaincodeProposalPayload.Parser.ParseFrom(fabricProposal.Payload);
        Assert.Equal("s3cret", payload.TransientMap["secret"].ToStringUtf8());
        var spec = PeerPb.ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        Assert.Equal("consent", spec.ChaincodeId.Name);
        Assert.Equal(["ConsentContract:Grant", "patient-1", "hospital-a"], spec.Input.Args.Select(a => a.ToStringUtf8()));

        Assert.Equal(SHA256.HashData(proposed.Proposal.ProposalBytes.Span), proposal.Digest);
    }

    [Fact]
    public void NewProposal_WithATimeProvider_StampedWithItsTime()
    {
        var at = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var (gateway, identity) = fixture.Connect(new GatewayOptions { TimeProvider = new FixedTime(at) });
        using var _ = identity;

        var proposal = gateway.GetNetwork("records").GetContract("consent").NewProposal("Grant");

        var proposed = GatewayPb.ProposedTransaction.Parser.ParseFrom(proposal.Bytes);
        var header = CommonPb.Header.Parser.ParseFrom(PeerPb.Proposal.Parser.ParseFrom(proposed.Proposal.ProposalBytes).Header);
        Assert.Equal(at, CommonPb.ChannelHeader.Parser.ParseFrom(header.ChannelHeader).Timestamp.ToDateTimeOffset());
    }

    [Fact]
    public void NewProposal_TwoProposals_DifferentNoncesAndTransactionIds()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;
        var contract = gateway.GetNetwork("records").GetContract("consent");

        var a = contract.NewProposal("Grant");
        var b = contract.NewProposal("Grant");

        Assert.NotEqual(a.TransactionId, b.TransactionId);
        Assert.Matches("^[0-9a-f]{64}$", a.TransactionId);
    }

    [Fact]
    public void NewProposal_NoContractName_FunctionNameUnqualified()
    {
        var (gateway, identity) = fixture.Connect();
        using var _ = identity;

        var proposal = gateway.GetNetwork("records").GetContract("consent").NewProposal("Grant");

        var proposed = GatewayPb.ProposedTransaction.Parser.ParseFrom(proposal.Bytes);
        var payload = PeerPb.ChaincodeProposalPayload.Parser.ParseFrom(PeerPb.Proposal.Parser.ParseFrom(proposed.Proposal.ProposalBytes).Payload);
        Assert.Equal("Grant", PeerPb.ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec.Input.Args[0].ToStringUtf8());
    }

    [Fact]
    public void Connect_InvalidOptions_Throws()
    {
        using var identity = TestIdentity.Issue(fixture.Ca);

        var error = Assert.Throws<ArgumentException>(() => Gateway.Connect(identity.Identity, identity.Signer, fixture.Channel, new GatewayOptions { EndorseTimeout = TimeSpan.Zero }));
        Assert.Contains(nameof(GatewayOptions.EndorseTimeout), error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
