using System.Security.Cryptography;
using Google.Protobuf;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// A client's signed proposal taken apart as a peer's endorser unpacks it, before any check of who made it: the
/// headers, the chaincode input and transient map, and the proposal hash the endorsement binds to (SHA-256 of the
/// channel header, the signature header and the payload without its transient map).
/// </summary>
public sealed class UnpackedProposal
{
    private UnpackedProposal(
        PeerPb.SignedProposal signedProposal,
        PeerPb.Proposal proposal,
        CommonPb.Header header,
        CommonPb.ChannelHeader channelHeader,
        CommonPb.SignatureHeader signatureHeader,
        string chaincodeName,
        PeerPb.ChaincodeProposalPayload payload,
        PeerPb.ChaincodeInput input,
        byte[] proposalHash)
    {
        SignedProposal = signedProposal;
        Proposal = proposal;
        Header = header;
        ChannelHeader = channelHeader;
        SignatureHeader = signatureHeader;
        ChaincodeName = chaincodeName;
        Payload = payload;
        Input = input;
        ProposalHash = proposalHash;
    }

    /// <summary>The proposal as the client sent it.</summary>
    public PeerPb.SignedProposal SignedProposal { get; }

    /// <summary>The proposal.</summary>
    public PeerPb.Proposal Proposal { get; }

    /// <summary>Its header (the channel and signature headers as the client serialized them).</summary>
    public CommonPb.Header Header { get; }

    /// <summary>The channel header: type, channel, transaction id, timestamp, epoch.</summary>
    public CommonPb.ChannelHeader ChannelHeader { get; }

    /// <summary>The signature header: creator (msp.SerializedIdentity) and nonce.</summary>
    public CommonPb.SignatureHeader SignatureHeader { get; }

    /// <summary>The chaincode named in the header extension.</summary>
    public string ChaincodeName { get; }

    /// <summary>The chaincode proposal payload: input and transient map.</summary>
    public PeerPb.ChaincodeProposalPayload Payload { get; }

    /// <summary>The chaincode input: arguments (first the function) and the init flag.</summary>
    public PeerPb.ChaincodeInput Input { get; }

    /// <summary>What the endorsement's proposal response payload names as the proposal hash.</summary>
    public byte[] ProposalHash { get; }

    /// <summary>The channel.</summary>
    public string ChannelId => ChannelHeader.ChannelId;

    /// <summary>The transaction id.</summary>
    public string TxId => ChannelHeader.TxId;

    /// <summary>Unpacks <paramref name="signedProposal"/>.</summary>
    /// <exception cref="FormatException">A part is missing or is not the message it should be.</exception>
    public static UnpackedProposal Unpack(PeerPb.SignedProposal? signedProposal)
    {
        if (signedProposal is null || signedProposal.ProposalBytes.IsEmpty)
        {
            throw new FormatException("a signed proposal is required");
        }

        var proposal = Parse(PeerPb.Proposal.Parser, signedProposal.ProposalBytes, "proposal");
        var header = Parse(CommonPb.Header.Parser, proposal.Header, "header");
        var channelHeader = Parse(CommonPb.ChannelHeader.Parser, header.ChannelHeader, "channel header");
        var signatureHeader = Parse(CommonPb.SignatureHeader.Parser, header.SignatureHeader, "signature header");
        var extension = Parse(PeerPb.ChaincodeHeaderExtension.Parser, channelHeader.Extension, "chaincode header extension");
        if (extension.ChaincodeId is null)
        {
            throw new FormatException("ChaincodeHeaderExtension.ChaincodeId is nil");
        }

        if (extension.ChaincodeId.Name.Length == 0)
        {
            throw new FormatException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        }

        var payload = Parse(PeerPb.ChaincodeProposalPayload.Parser, proposal.Payload, "chaincode proposal payload");
        var invocation = Parse(PeerPb.ChaincodeInvocationSpec.Parser, payload.Input, "chaincode invocation spec");
        if (invocation.ChaincodeSpec is null)
        {
            throw new FormatException("chaincode invocation spec did not contain chaincode spec");
        }

        if (invocation.ChaincodeSpec.Input is null)
        {
            throw new FormatException("chaincode input did not contain any input");
        }

        if (channelHeader.ChannelId.Length == 0)
        {
            throw new FormatException("no channel id provided");
        }

        if (channelHeader.Timestamp is null)
        {
            throw new FormatException("the channel header has no timestamp");
        }

        var withoutTransient = new PeerPb.ChaincodeProposalPayload { Input = payload.Input }.ToByteArray();
        var proposalHash = SHA256.HashData([.. header.ChannelHeader.Span, .. header.SignatureHeader.Span, .. withoutTransient]);
        return new UnpackedProposal(signedProposal, proposal, header, channelHeader, signatureHeader, extension.ChaincodeId.Name, payload, invocation.ChaincodeSpec.Input, proposalHash);
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException($"cannot parse the {what}: {e.Message}", e);
        }
    }
}
