using Grpc.Net.Client;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.FabricClient;
using ClientGateway = MedChain.FabricClient.Gateway;

namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>
/// A Gateway client and what it holds open. <see cref="OpenAsync"/> is the only place the
/// acceptance tests build a client, so that a change of transport touches this file alone.
/// </summary>
public sealed class GatewayConnection(GrpcChannel channel, EcdsaSigner signer, ClientGateway gateway) : IDisposable
{
    /// <summary>The connected gateway.</summary>
    public ClientGateway Gateway { get; } = gateway;

    /// <summary>The channel's "medchain" network.</summary>
    public FabricClient.Network Network => Gateway.GetNetwork(FabricNetworkFixture.ChannelName);

    /// <summary>
    /// Connects to the peer at <paramref name="endpoint"/> (TLS when <paramref name="tlsRootCertificatePath"/>
    /// is given) and signs as <paramref name="identity"/>.
    /// </summary>
    public static async Task<GatewayConnection> OpenAsync(
        string endpoint, string? tlsRootCertificatePath, IssuedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var channel = await GatewayConnectionFactory.CreateChannelAsync(
            new GatewayConnectionOptions { Endpoint = endpoint, TlsRootCertificatePath = tlsRootCertificatePath },
            cancellationToken);
        try
        {
            var (clientIdentity, signer) = await IdentityFiles.ReadPemFilesAsync(
                identity.MspId, identity.CertificatePath, identity.PrivateKeyPath, cancellationToken);
            var gateway = ClientGateway.Connect(clientIdentity, signer, channel, new GatewayOptions());
            return new GatewayConnection(channel, signer, gateway);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        channel.Dispose();
        signer.Dispose();
    }
}
