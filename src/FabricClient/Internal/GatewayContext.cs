using MedChain.Grpc;
using Microsoft.Extensions.Logging;

namespace MedChain.FabricClient.Internal;

/// <summary>What every object of one gateway connection shares.</summary>
internal sealed class GatewayContext(CallInvoker callInvoker, SigningIdentity signingIdentity, GatewayOptions options, ILogger logger)
{
    public CallInvoker CallInvoker { get; } = callInvoker;

    public SigningIdentity SigningIdentity { get; } = signingIdentity;

    public GatewayOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;
}
