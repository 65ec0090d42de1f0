using Google.Protobuf;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// The prepared transaction a Fabric Gateway returns from Endorse: the proposal's own header, one action whose
/// proposal response payload binds the proposal hash to the chaincode's response and event, endorsed by this node,
/// and the proposal's input without its transient map. The client reads the result from it and signs its payload.
/// </summary>
internal static class PreparedTransactions
{
    public static CommonPb.Envelope Build(EndorsedProposal endorsed, NodeIdentity endorser)
    {
        var proposal = endorsed.Proposal;
        var action = new PeerPb.ChaincodeAction
        {
            ChaincodeId = new PeerPb.ChaincodeID { Name = proposal.ChaincodeName },
            Response = new PeerPb.Response
            {
                Status = endorsed.Response.Status,
                Message = endorsed.Response.Message ?? string.Empty,
                Payload = ByteString.CopyFrom(endorsed.Response.Payload),
            },
        };
        if (endorsed.Event is { } chaincodeEvent)
        {
            action.Events = chaincodeEvent.ToByteString();
        }

        var responsePayload = new PeerPb.ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(proposal.ProposalHash),
            Extension = action.ToByteString(),
        }.ToByteString();

        // A peer signs the response payload followed by its serialized identity.
        var endorserBytes = endorser.SerializedIdentity;
        var endorsement = new PeerPb.Endorsement
        {
            Endorser = ByteString.CopyFrom(endorserBytes),
            Signature = ByteString.CopyFrom(endorser.Sign([.. responsePayload.Span, .. endorserBytes])),
        };
        var actionPayload = new PeerPb.ChaincodeActionPayload
        {
            ChaincodeProposalPayload = new PeerPb.ChaincodeProposalPayload { Input = proposal.Payload.Input }.ToByteString(),
            Action = new PeerPb.ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload, Endorsements = { endorsement } },
        };
        var transaction = new PeerPb.Transaction
        {
            Actions = { new PeerPb.TransactionAction { Header = proposal.Header.SignatureHeader, Payload = actionPayload.ToByteString() } },
        };
        var payload = new CommonPb.Payload { Header = proposal.Header, Data = transaction.ToByteString() };
        return new CommonPb.Envelope { Payload = payload.ToByteString() };
    }
}
