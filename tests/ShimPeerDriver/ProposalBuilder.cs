using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.Shim;
using Cm = Common;
using Pb = Protos;

namespace MedChain.ShimPeerDriver;

/// <summary>Builds a SignedProposal as a Fabric client would: header, channel header, signature header, chaincode payload.</summary>
public static class ProposalBuilder
{
    public static Pb.SignedProposal Build(
        string channelId,
        string txId,
        IEnumerable<ByteString> args,
        byte[] creator,
        byte[] nonce,
        ulong epoch,
        Timestamp timestamp,
        IReadOnlyDictionary<string, byte[]>? transient = null,
        Cm.HeaderType headerType = Cm.HeaderType.EndorserTransaction)
    {
        var input = new Pb.ChaincodeInput();
        input.Args.AddRange(args);
        var invocation = new Pb.ChaincodeInvocationSpec
        {
            ChaincodeSpec = new Pb.ChaincodeSpec { ChaincodeId = new Pb.ChaincodeID { Name = "mycc" }, Input = input, Type = Pb.ChaincodeSpec.Types.Type.Golang },
        };
        var payload = new Pb.ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var channelHeader = new Cm.ChannelHeader
        {
            Type = (int)headerType,
            ChannelId = channelId,
            TxId = txId,
            Epoch = epoch,
            Timestamp = timestamp,
            Extension = new Pb.ChaincodeHeaderExtension { ChaincodeId = new Pb.ChaincodeID { Name = "mycc" } }.ToByteString(),
        };
        var signatureHeader = new Cm.SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) };
        var header = new Cm.Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() };
        var proposal = new Pb.Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };

        // The shim does not check signatures (the peer did); any bytes stand in for one.
        return new Pb.SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = ByteString.CopyFrom(nonce) };
    }
}
