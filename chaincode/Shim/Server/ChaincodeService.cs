using Grpc.Core;

namespace MedChain.Shim.Internal;

/// <summary>
/// The generated <c>protos.Chaincode</c> service base, bound to one <see cref="ChaincodeServer"/>:
/// each <c>Connect</c> a peer opens becomes one handler stream.
/// </summary>
internal sealed class ChaincodeService(Func<IAsyncStreamReader<PeerPb.ChaincodeMessage>, IServerStreamWriter<PeerPb.ChaincodeMessage>, ServerCallContext, Task> connect)
    : PeerPb.Chaincode.ChaincodeBase
{
    public override Task Connect(IAsyncStreamReader<PeerPb.ChaincodeMessage> requestStream, IServerStreamWriter<PeerPb.ChaincodeMessage> responseStream, ServerCallContext context) =>
        connect(requestStream, responseStream, context);
}
