using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Internal;

/// <summary>Where a chaincode stream is in its handshake with the peer.</summary>
internal enum HandlerState
{
    /// <summary>REGISTER sent; waiting for REGISTERED.</summary>
    Created,

    /// <summary>REGISTERED received; waiting for READY.</summary>
    Established,

    /// <summary>READY received; serving transactions.</summary>
    Ready,

    /// <summary>The stream ended; nothing more is sent or served.</summary>
    Closed,
}

/// <summary>What the handler does with a message from the peer.</summary>
internal enum MessageAction
{
    /// <summary>Move to the next handshake state.</summary>
    Advance,

    /// <summary>Send the message back (KEEPALIVE, as the Go shim does).</summary>
    Echo,

    /// <summary>Run INIT or TRANSACTION on its own task.</summary>
    StartTransaction,

    /// <summary>Hand RESPONSE or ERROR to the state call waiting for it.</summary>
    RouteResponse,

    /// <summary>Answer ERROR for this message and keep serving the stream.</summary>
    Reject,

    /// <summary>Answer ERROR and close the stream: the handshake failed.</summary>
    RejectAndClose,
}

/// <summary>
/// The handler's transitions as a table, kept apart from the I/O so every pair of state and
/// message type is testable. Mirrors the Go shim (created → established → ready), except that a
/// bad message once ready is answered with ERROR instead of ending the stream, so one confused
/// message does not cost the peer every transaction in flight.
/// </summary>
internal static class HandlerStateMachine
{
    public static (HandlerState Next, MessageAction Action) Decide(HandlerState state, MessageType type)
    {
        if (type == MessageType.Keepalive && state != HandlerState.Closed)
        {
            return (state, MessageAction.Echo);
        }

        return state switch
        {
            HandlerState.Created when type == MessageType.Registered => (HandlerState.Established, MessageAction.Advance),
            HandlerState.Created => (HandlerState.Closed, MessageAction.RejectAndClose),
            HandlerState.Established when type == MessageType.Ready => (HandlerState.Ready, MessageAction.Advance),
            HandlerState.Established => (HandlerState.Closed, MessageAction.RejectAndClose),
            HandlerState.Ready => type switch
            {
                MessageType.Init or MessageType.Transaction => (HandlerState.Ready, MessageAction.StartTransaction),
                MessageType.Response or MessageType.Error => (HandlerState.Ready, MessageAction.RouteResponse),
                _ => (HandlerState.Ready, MessageAction.Reject),
            },
            _ => (HandlerState.Closed, MessageAction.RejectAndClose),
        };
    }
}
