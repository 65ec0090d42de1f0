using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Cm = Common;
using Pb = Protos;

namespace MedChain.Shim.Testing.Internal;

/// <summary>Builds the signed proposal a Fabric client would send for a transaction, and its derived ids.</summary>
internal static class ProposalBuilder
{
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(24);

    /// <summary>Fabric's transaction id: hex(SHA-256(nonce ‖ creator)).</summary>
    public static string ComputeTxId(byte[] nonce, byte[] creator) =>
        Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));

    /// <summary>Fabric's binding: SHA-256(nonce ‖ creator ‖ epoch as 8 little-endian bytes).</summary>
    public static byte[] ComputeBinding(byte[] nonce, byte[] creator, ulong epoch)
    {
        var epochBytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(epochBytes, epoch);
        return SHA256.HashData([.. nonce, .. creator, .. epochBytes]);
    }

    public static Pb.SignedProposal Build(
        TestIdentity submitter,
        string channelId,
        string chaincodeName,
        string txId,
        byte[] nonce,
        DateTimeOffset timestamp,
        IReadOnlyList<byte[]> args,
        IReadOnlyDictionary<string, byte[]> transientMap,
        bool isInit)
    {
        var channelHeader = new Cm.ChannelHeader
        {
            Type = (int)Cm.HeaderType.EndorserTransaction,
            Version = 0,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp),
            ChannelId = channelId,
            TxId = txId,
            Epoch = 0,
            Extension = new Pb.ChaincodeHeaderExtension { ChaincodeId = new Pb.ChaincodeID { Name = chaincodeName } }.ToByteString(),
        };
        var signatureHeader = new Cm.SignatureHeader
        {
            Creator = ByteString.CopyFrom(submitter.SerializedIdentity),
            Nonce = ByteString.CopyFrom(nonce),
        };
        var input = new Pb.ChaincodeInput { IsInit = isInit };
        input.Args.AddRange(args.Select(ByteString.CopyFrom));
        var invocation = new Pb.ChaincodeInvocationSpec
        {
            ChaincodeSpec = new Pb.ChaincodeSpec
            {
                Type = Pb.ChaincodeSpec.Types.Type.Golang,
                ChaincodeId = new Pb.ChaincodeID { Name = chaincodeName },
                Input = input,
            },
        };
        var payload = new Pb.ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in transientMap)
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Pb.Proposal
        {
            Header = new Cm.Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = signatureHeader.ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var proposalBytes = proposal.ToByteArray();
        return new Pb.SignedProposal
        {
            ProposalBytes = ByteString.CopyFrom(proposalBytes),
            Signature = ByteString.CopyFrom(submitter.Sign(proposalBytes)),
        };
    }
}
