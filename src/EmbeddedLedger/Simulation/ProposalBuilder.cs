using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// Builds the signed proposal a Fabric client would send for a transaction, and its derived ids: the one
/// proposal builder of the test infrastructure (mock stubs, the in-test peers, the peer driver).
/// </summary>
public static class ProposalBuilder
{
    /// <summary>A fresh 24-byte nonce, as Fabric's SDKs make.</summary>
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

    /// <summary>A proposal created and signed by <paramref name="submitter"/>.</summary>
    public static PeerPb.SignedProposal Build(
        ITransactionCreator submitter,
        string channelId,
        string chaincodeName,
        string txId,
        byte[] nonce,
        DateTimeOffset timestamp,
        IReadOnlyList<byte[]> args,
        IReadOnlyDictionary<string, byte[]>? transientMap = null,
        bool isInit = false)
    {
        ArgumentNullException.ThrowIfNull(submitter);
        return Build(submitter.SerializedIdentity, data => submitter.Sign(data), channelId, chaincodeName, txId, nonce, timestamp, args, transientMap, isInit);
    }

    /// <summary>A proposal whose creator is <paramref name="creator"/> (msp.SerializedIdentity bytes), signed by <paramref name="sign"/>.</summary>
    public static PeerPb.SignedProposal Build(
        byte[] creator,
        Func<byte[], byte[]> sign,
        string channelId,
        string chaincodeName,
        string txId,
        byte[] nonce,
        DateTimeOffset timestamp,
        IReadOnlyList<byte[]> args,
        IReadOnlyDictionary<string, byte[]>? transientMap = null,
        bool isInit = false)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentNullException.ThrowIfNull(args);
        var channelHeader = new CommonPb.ChannelHeader
        {
            Type = (int)CommonPb.HeaderType.EndorserTransaction,
            Version = 0,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp),
            ChannelId = channelId,
            TxId = txId,
            Epoch = 0,
            Extension = new PeerPb.ChaincodeHeaderExtension { ChaincodeId = new PeerPb.ChaincodeID { Name = chaincodeName } }.ToByteString(),
        };
        var signatureHeader = new CommonPb.SignatureHeader
        {
            Creator = ByteString.CopyFrom(creator),
            Nonce = ByteString.CopyFrom(nonce),
        };
        var input = new PeerPb.ChaincodeInput { IsInit = isInit };
        input.Args.AddRange(args.Select(ByteString.CopyFrom));
        var invocation = new PeerPb.ChaincodeInvocationSpec
        {
            ChaincodeSpec = new PeerPb.ChaincodeSpec
            {
                // As FabricClient and the fabric-gateway SDKs declare it; peers ignore the type at invocation.
                Type = PeerPb.ChaincodeSpec.Types.Type.Node,
                ChaincodeId = new PeerPb.ChaincodeID { Name = chaincodeName },
                Input = input,
            },
        };
        var payload = new PeerPb.ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in transientMap ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new PeerPb.Proposal
        {
            Header = new CommonPb.Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = signatureHeader.ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var proposalBytes = proposal.ToByteArray();
        return new PeerPb.SignedProposal
        {
            ProposalBytes = ByteString.CopyFrom(proposalBytes),
            Signature = ByteString.CopyFrom(sign(proposalBytes)),
        };
    }
}
