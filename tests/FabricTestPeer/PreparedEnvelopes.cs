using System.Security.Cryptography;
using Google.Protobuf;

namespace MedChain.FabricTestPeer;

/// <summary>The prepared transaction a peer's Gateway returns from Endorse, and the checks it makes on Submit.</summary>
public static class PreparedEnvelopes
{
    /// <summary>The unsigned envelope of an endorsed proposal: what the client signs and submits.</summary>
    public static CommonPb.Envelope Build(PeerChecks.CheckedProposal proposal, ByteString proposalBytes, PeerPb.Response response, PeerPb.ChaincodeEvent? chaincodeEvent)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(proposalBytes);
        var action = new PeerPb.ChaincodeAction { Response = response, ChaincodeId = proposal.Invocation.ChaincodeSpec.ChaincodeId };
        if (chaincodeEvent is not null)
        {
            action.Events = chaincodeEvent.ToByteString();
        }

        var responsePayload = new PeerPb.ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(proposalBytes.Span)),
            Extension = action.ToByteString(),
        };

        // The ordered transaction keeps the proposal's input but never its transient data.
        var actionPayload = new PeerPb.ChaincodeActionPayload
        {
            ChaincodeProposalPayload = new PeerPb.ChaincodeProposalPayload { Input = proposal.Payload.Input }.ToByteString(),
            Action = new PeerPb.ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() },
        };
        actionPayload.Action.Endorsements.Add(new PeerPb.Endorsement { Endorser = ByteString.CopyFromUtf8("peer0.test"), Signature = ByteString.CopyFromUtf8("endorsement") });
        var transaction = new PeerPb.Transaction();
        transaction.Actions.Add(new PeerPb.TransactionAction { Header = proposal.SignatureHeader.ToByteString(), Payload = actionPayload.ToByteString() });
        var payload = new CommonPb.Payload
        {
            Header = new CommonPb.Header { ChannelHeader = proposal.ChannelHeader.ToByteString(), SignatureHeader = proposal.SignatureHeader.ToByteString() },
            Data = transaction.ToByteString(),
        };
        return new CommonPb.Envelope { Payload = payload.ToByteString() };
    }

    /// <summary>Checks a submitted envelope as a peer does: parses, verifies the submitter's signature, matches the request.</summary>
    public static void CheckSubmitted(GatewayPb.SubmitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var envelope = request.PreparedTransaction ?? throw PeerChecks.Invalid("no prepared transaction");
        var payload = PeerChecks.Parse(CommonPb.Payload.Parser, envelope.Payload, "payload");
        var channelHeader = PeerChecks.Parse(CommonPb.ChannelHeader.Parser, payload.Header.ChannelHeader, "channel header");
        var signatureHeader = PeerChecks.Parse(CommonPb.SignatureHeader.Parser, payload.Header.SignatureHeader, "signature header");
        var creator = PeerChecks.Parse(MspPb.SerializedIdentity.Parser, signatureHeader.Creator, "creator");
        PeerChecks.VerifySignature(creator, envelope.Payload.Span, envelope.Signature.Span);
        if (channelHeader.TxId != request.TransactionId || channelHeader.ChannelId != request.ChannelId)
        {
            throw PeerChecks.Invalid("the envelope's transaction id or channel differs from the request's");
        }
    }
}
