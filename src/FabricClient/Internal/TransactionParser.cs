using Google.Protobuf;

namespace MedChain.FabricClient.Internal;

/// <summary>Reads what the client needs out of a prepared transaction envelope.</summary>
internal static class TransactionParser
{
    /// <summary>The channel named in the envelope's channel header; null if the payload has no header.</summary>
    public static string? ChannelId(CommonPb.Envelope envelope)
    {
        var payload = CommonPb.Payload.Parser.ParseFrom(envelope.Payload);
        return payload.Header is null ? null : CommonPb.ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).ChannelId;
    }

    /// <summary>
    /// The chaincode's response payload in the endorsed action: what every endorser agreed on, hence
    /// preferred over the gateway's separate result field. Null if the envelope does not hold one.
    /// </summary>
    public static byte[]? Result(CommonPb.Envelope envelope)
    {
        try
        {
            var payload = CommonPb.Payload.Parser.ParseFrom(envelope.Payload);
            var transaction = PeerPb.Transaction.Parser.ParseFrom(payload.Data);
            if (transaction.Actions.Count == 0)
            {
                return null;
            }

            var actionPayload = PeerPb.ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
            var responsePayload = PeerPb.ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action?.ProposalResponsePayload ?? ByteString.Empty);
            var action = PeerPb.ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
            return action.Response?.Payload.ToByteArray();
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
