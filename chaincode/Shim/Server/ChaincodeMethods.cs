using MedChain.Grpc;
using Pb = Protos;

namespace MedChain.Shim;

/// <summary>The gRPC method a peer calls on a chaincode-as-a-service (peer/chaincode_shim.proto).</summary>
public static class ChaincodeMethods
{
    /// <summary><c>protos.Chaincode/Connect</c>: a duplex stream of ChaincodeMessage, opened by the peer.</summary>
    public static readonly Method<Pb.ChaincodeMessage, Pb.ChaincodeMessage> Connect = new(
        MethodType.DuplexStreaming,
        "protos.Chaincode",
        "Connect",
        Pb.ChaincodeMessage.Parser,
        Pb.ChaincodeMessage.Parser);
}
