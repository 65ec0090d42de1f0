namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>The network with TLS on every endpoint (ports from 28000).</summary>
public sealed class TlsNetworkFixture() : FabricNetworkFixture(tls: true, portBase: 28000);

/// <summary>The network in plain gRPC (ports from 30000); Raft keeps its own TLS listener.</summary>
public sealed class PlainNetworkFixture() : FabricNetworkFixture(tls: false, portBase: 30000);

[CollectionDefinition(Name)]
public sealed class TlsNetworkGroup : ICollectionFixture<TlsNetworkFixture>
{
    public const string Name = "Fabric network with TLS";
}

[CollectionDefinition(Name)]
public sealed class PlainNetworkGroup : ICollectionFixture<PlainNetworkFixture>
{
    public const string Name = "Fabric network without TLS";
}
