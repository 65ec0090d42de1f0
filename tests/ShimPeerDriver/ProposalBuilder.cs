using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.Shim;

namespace MedChain.ShimPeerDriver;

/// <summary>Builds a SignedProposal as a Fabric client would: header, channel header, signature header, chaincode payload.</summary>
public static class ProposalBuilder
{
    public static PeerPb.SignedProposal Build(
        string channelId,
        string txId,
        IEnumerable<ByteString> args,
        byte[] creator,
        byte[] nonce,
        ulong epoch,
        Timestamp timestamp,
        IReadOnlyDictionary<string, byte[]>? transient = null,
        CommonPb.HeaderType headerType = CommonPb.HeaderType.EndorserTransaction)
    {
        var input = new PeerPb.ChaincodeInput();
        input.Args.AddRange(args);
        var invocation = new PeerPb.ChaincodeInvocationSpec
        {
            ChaincodeSpec = new PeerPb.ChaincodeSpec { ChaincodeId = new PeerPb.ChaincodeID { Name = "mycc" }, Input = input, Type = PeerPb.ChaincodeSpec.Types.Type.Golang },
        };
        var payload = new PeerPb.ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var channelHeader = new CommonPb.ChannelHeader
        {
            Type = (int)headerType,
            ChannelId = channelId,
            TxId = txId,
            Epoch = epoch,
            Timestamp = timestamp,
            Extension = new PeerPb.ChaincodeHeaderExtension { ChaincodeId = new PeerPb.ChaincodeID { Name = "mycc" } }.ToByteString(),
        };
        var signatureHeader = new CommonPb.SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) };
        var header = new CommonPb.Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() };
        var proposal = new PeerPb.Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };

        // The shim does not check signatures (the peer did); any bytes stand in for one.
        return new PeerPb.SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = ByteString.CopyFrom(nonce) };
    }
}
