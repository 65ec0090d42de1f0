using Grpc.Net.Client;
using MedChain.FabricClient;
using ClientGateway = MedChain.FabricClient.Gateway;

namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>A Gateway client and what it holds open.</summary>
public sealed class GatewayConnection(GrpcChannel channel, EcdsaSigner signer, ClientGateway gateway) : IDisposable
{
    /// <summary>The connected gateway.</summary>
    public ClientGateway Gateway { get; } = gateway;

    /// <summary>The channel's "medchain" network.</summary>
    public FabricClient.Network Network => Gateway.GetNetwork(FabricNetworkFixture.ChannelName);

    public void Dispose()
    {
        channel.Dispose();
        signer.Dispose();
    }
}
