using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

public sealed class TestIdentityTests
{
    [Fact]
    public void Create_Certificate_SelfSignedP256WithFabricCaAttributeExtension()
    {
        using var identity = TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["role"] = "nurse", ["ward"] = "7" });

        Assert.Equal(identity.Certificate.Subject, identity.Certificate.Issuer);
        Assert.Contains("CN=alice", identity.Certificate.Subject, StringComparison.Ordinal);
        Assert.Equal("1.2.840.10045.2.1", identity.Certificate.PublicKey.Oid.Value);
        var extension = identity.Certificate.Extensions["1.2.3.4.5.6.7.8.1"];
        Assert.NotNull(extension);
        Assert.Equal("""{"attrs":{"role":"nurse","ward":"7"}}""", Encoding.UTF8.GetString(extension.RawData));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", identity.CertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializedIdentity_IsMspSerializedIdentityWithPem()
    {
        using var identity = TestIdentity.Create("Org1MSP", "alice");

        var parsed = MspPb.SerializedIdentity.Parser.ParseFrom(identity.SerializedIdentity);

        Assert.Equal("Org1MSP", parsed.Mspid);
        Assert.Equal(identity.CertificatePem, parsed.IdBytes.ToStringUtf8());
    }

    [Fact]
    public void ClientIdentity_FromSerializedIdentity_ExposesMspIdIdAndAttributes()
    {
        using var identity = TestIdentity.Create("Org2MSP", "bob", new Dictionary<string, string> { ["role"] = "pharmacist" });

        var client = ClientIdentity.FromSerializedIdentity(identity.SerializedIdentity);

        Assert.Equal("Org2MSP", client.MspId);
        Assert.Equal("x509::CN=bob,OU=client,O=Org2MSP::CN=bob,OU=client,O=Org2MSP", client.Id);
        Assert.Equal("pharmacist", client.GetAttributeValue("role"));
        Assert.Null(client.GetAttributeValue("missing"));
        Assert.True(client.AssertAttributeValue("role", "pharmacist"));
        Assert.False(client.AssertAttributeValue("role", "Pharmacist"));
        Assert.Equal(identity.Certificate.Thumbprint, client.Certificate.Thumbprint);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x0A, 0x03, 0x4F, 0x72, 0x67, 0x12, 0x03, 0x61, 0x62, 0x63 })]
    public void ClientIdentity_Malformed_FormatException(byte[] creator)
    {
        Assert.Throws<FormatException>(() => TestClientIdentity.FromSerializedIdentity(creator));
        Assert.Throws<FormatException>(() => ClientIdentity.FromSerializedIdentity(creator));
    }

    [Fact]
    public void ClientIdentity_OfTestIdentity_SameAsReadFromItsCreatorBytes()
    {
        using var identity = TestIdentity.Create("Org1MSP", "dave", new Dictionary<string, string> { ["role"] = "regulator" });

        var fromStub = TestClientIdentity.FromStub(new MockStub(new InMemoryLedger(), "cc", [], identity, Support.Time));

        Assert.Equal(identity.ClientIdentity.Id, fromStub.Id);
        Assert.Equal("regulator", fromStub.GetAttributeValue("role"));
        Assert.Equal("Org1MSP", identity.ClientIdentity.MspId);
    }

    [Fact]
    public void MockStub_SignedProposal_IsARealProposalSignedByTheSubmitter()
    {
        using var identity = TestIdentity.Create("Org1MSP", "carol");
        var ledger = new InMemoryLedger("clinic");
        var transient = new Dictionary<string, byte[]> { ["secret"] = [7] };
        var stub = new MockStub(ledger, "medchain", [Support.Utf8("Fn"), Support.Utf8("a")], identity, Support.Time, new TransactionOptions { TransientMap = transient });

        var proposal = PeerPb.Proposal.Parser.ParseFrom(stub.SignedProposal!.ProposalBytes);
        var header = CommonPb.Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = CommonPb.ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = CommonPb.SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var payload = PeerPb.ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var invocation = PeerPb.ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);

        Assert.Equal("clinic", channelHeader.ChannelId);
        Assert.Equal(stub.TxId, channelHeader.TxId);
        Assert.Equal(Support.Time, channelHeader.Timestamp.ToDateTimeOffset());
        Assert.Equal(identity.SerializedIdentity, signatureHeader.Creator.ToByteArray());
        Assert.Equal(["Fn", "a"], invocation.ChaincodeSpec.Input.Args.Select(a => a.ToStringUtf8()));
        Assert.Equal("medchain", invocation.ChaincodeSpec.ChaincodeId.Name);
        Assert.Equal([7], payload.TransientMap["secret"].ToByteArray());

        var nonce = signatureHeader.Nonce.ToByteArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. identity.SerializedIdentity])), stub.TxId);
        Assert.Equal(SHA256.HashData([.. nonce, .. identity.SerializedIdentity, .. new byte[8]]), stub.Binding);
        using var key = identity.Certificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(stub.SignedProposal.ProposalBytes.ToByteArray(), stub.SignedProposal.Signature.ToByteArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void MockStub_Arguments_ExposedAsBytesStringsAndFunction()
    {
        var stub = new MockStub(new InMemoryLedger(), "medchain", [Support.Utf8("Fn"), Support.Utf8("x"), Support.Utf8("y")], Support.Doctor, Support.Time, new TransactionOptions { TxId = "tx-1" });

        Assert.Equal("tx-1", stub.TxId);
        Assert.Equal("mychannel", stub.ChannelId);
        Assert.Equal(["Fn", "x", "y"], stub.StringArgs);
        var (function, parameters) = stub.GetFunctionAndParameters();
        Assert.Equal("Fn", function);
        Assert.Equal(["x", "y"], parameters);
        Assert.Equal(Support.Time, stub.GetTxTimestamp().ToDateTimeOffset());
        Assert.Equal(Support.Doctor.SerializedIdentity, stub.Creator);
        Assert.Empty(stub.TransientMap);
    }
}
