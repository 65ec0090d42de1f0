using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MedChain.FabricClient.Internal;

/// <summary>What every object of one gateway connection shares.</summary>
internal sealed class GatewayContext(CallInvoker callInvoker, SigningIdentity signingIdentity, GatewayOptions options, ILogger logger)
{
    /// <summary>The generated Gateway client over the caller's connection.</summary>
    public GatewayPb.Gateway.GatewayClient Client { get; } = new(callInvoker);

    public SigningIdentity SigningIdentity { get; } = signingIdentity;

    public GatewayOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;
}
