using MedChain.Shim.Internal;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Tests;

public sealed class HandlerStateMachineTests
{
    public static TheoryData<string, MessageType, string, string> Transitions => new()
    {
        { "Created", MessageType.Registered, "Established", "Advance" },
        { "Created", MessageType.Ready, "Closed", "RejectAndClose" },
        { "Created", MessageType.Transaction, "Closed", "RejectAndClose" },
        { "Created", MessageType.Keepalive, "Created", "Echo" },
        { "Established", MessageType.Ready, "Ready", "Advance" },
        { "Established", MessageType.Registered, "Closed", "RejectAndClose" },
        { "Established", MessageType.Transaction, "Closed", "RejectAndClose" },
        { "Established", MessageType.Init, "Closed", "RejectAndClose" },
        { "Ready", MessageType.Transaction, "Ready", "StartTransaction" },
        { "Ready", MessageType.Init, "Ready", "StartTransaction" },
        { "Ready", MessageType.Response, "Ready", "RouteResponse" },
        { "Ready", MessageType.Error, "Ready", "RouteResponse" },
        { "Ready", MessageType.Keepalive, "Ready", "Echo" },
        { "Ready", MessageType.Registered, "Ready", "Reject" },
        { "Ready", MessageType.Ready, "Ready", "Reject" },
        { "Ready", MessageType.Register, "Ready", "Reject" },
        { "Ready", MessageType.GetState, "Ready", "Reject" },
        { "Ready", MessageType.Completed, "Ready", "Reject" },
        { "Ready", MessageType.Undefined, "Ready", "Reject" },
        { "Closed", MessageType.Transaction, "Closed", "RejectAndClose" },
        { "Closed", MessageType.Keepalive, "Closed", "RejectAndClose" },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Decide_StateAndMessage_GivesTransition(string state, MessageType type, string expectedNext, string expectedAction)
    {
        // Names, not the internal enums, so the theory can be public.
        var (next, action) = HandlerStateMachine.Decide(Enum.Parse<HandlerState>(state), type);

        Assert.Equal((expectedNext, expectedAction), (next.ToString(), action.ToString()));
    }
}
