using Grpc.Core;
using Grpc.Net.Client;
using MedChain.TestSupport;

namespace MedChain.FabricClient.Tests.Support;

/// <summary>One in-test gateway peer over h2c on 127.0.0.1, shared by a test class, and the client's channel to it.</summary>
public sealed class GatewayPeerFixture : IAsyncLifetime
{
    private GatewayPeer? _peer;
    private GrpcChannel? _channel;

    internal GatewayPeer Peer => _peer ?? throw new InvalidOperationException("Not started.");

    internal TestCertificates Ca { get; } = TestCertificates.Create("MedChain Org1 CA");

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _peer = await GatewayPeer.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_peer.Port}");
    }

    /// <summary>
    /// Deadlines for tests that are not about deadlines: long enough that a loaded machine never
    /// turns a functional check into DEADLINE_EXCEEDED.
    /// </summary>
    internal static GatewayOptions Unhurried => new()
    {
        EvaluateTimeout = TimeSpan.FromMinutes(2),
        EndorseTimeout = TimeSpan.FromMinutes(2),
        SubmitTimeout = TimeSpan.FromMinutes(2),
        CommitStatusTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>A gateway as a fresh identity; dispose the identity after the test.</summary>
    internal (Gateway Gateway, TestIdentity Identity) Connect(GatewayOptions? options = null)
    {
        var identity = TestIdentity.Issue(Ca);
        return (Gateway.Connect(identity.Identity, identity.Signer, Channel, options ?? Unhurried), identity);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        Ca.Dispose();
    }
}
