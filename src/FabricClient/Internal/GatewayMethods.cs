using MedChain.Grpc;

namespace MedChain.FabricClient.Internal;

/// <summary>The methods of Fabric's <c>gateway.Gateway</c> service (peer/gateway.proto).</summary>
internal static class GatewayMethods
{
    public const string ServiceName = "gateway.Gateway";

    public static readonly Method<GatewayPb.EndorseRequest, GatewayPb.EndorseResponse> Endorse =
        new(MethodType.Unary, ServiceName, "Endorse", GatewayPb.EndorseRequest.Parser, GatewayPb.EndorseResponse.Parser);

    public static readonly Method<GatewayPb.SubmitRequest, GatewayPb.SubmitResponse> Submit =
        new(MethodType.Unary, ServiceName, "Submit", GatewayPb.SubmitRequest.Parser, GatewayPb.SubmitResponse.Parser);

    public static readonly Method<GatewayPb.SignedCommitStatusRequest, GatewayPb.CommitStatusResponse> CommitStatus =
        new(MethodType.Unary, ServiceName, "CommitStatus", GatewayPb.SignedCommitStatusRequest.Parser, GatewayPb.CommitStatusResponse.Parser);

    public static readonly Method<GatewayPb.EvaluateRequest, GatewayPb.EvaluateResponse> Evaluate =
        new(MethodType.Unary, ServiceName, "Evaluate", GatewayPb.EvaluateRequest.Parser, GatewayPb.EvaluateResponse.Parser);

    public static readonly Method<GatewayPb.SignedChaincodeEventsRequest, GatewayPb.ChaincodeEventsResponse> ChaincodeEvents =
        new(MethodType.ServerStreaming, ServiceName, "ChaincodeEvents", GatewayPb.SignedChaincodeEventsRequest.Parser, GatewayPb.ChaincodeEventsResponse.Parser);
}
