using Google.Protobuf.Reflection;

namespace MedChain.Protos.Tests;

/// <summary>
/// The build copies fabric-protos' files and adds a csharp_namespace mirroring their java_package; a file
/// missed by that step would land in a bare namespace (Protos, Common...) that clashes with type names.
/// </summary>
public sealed class GeneratedNamespaceTests
{
    public static TheoryData<Type, string, string> Types => new()
    {
        { typeof(PeerPb.ChaincodeMessage), "Hyperledger.Fabric.Protos.Peer", "protos.ChaincodeMessage" },
        { typeof(PeerPb.Lifecycle.ChaincodeEndorsementInfo), "Hyperledger.Fabric.Protos.Peer.Lifecycle", "lifecycle.ChaincodeEndorsementInfo" },
        { typeof(CommonPb.Envelope), "Hyperledger.Fabric.Protos.Common", "common.Envelope" },
        { typeof(CommonPb.MSPPrincipal), "Hyperledger.Fabric.Protos.Common", "common.MSPPrincipal" },
        { typeof(MspPb.SerializedIdentity), "Hyperledger.Fabric.Protos.Msp", "msp.SerializedIdentity" },
        { typeof(OrdererPb.SeekPosition), "Hyperledger.Fabric.Protos.Orderer", "orderer.SeekPosition" },
        { typeof(GatewayPb.EndorseRequest), "Hyperledger.Fabric.Protos.Gateway", "gateway.EndorseRequest" },
        { typeof(QueryResultPb.KV), "Hyperledger.Fabric.Protos.Ledger.QueryResult", "queryresult.KV" },
        { typeof(KvRwsetPb.KVRWSet), "Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset", "kvrwset.KVRWSet" },
        { typeof(Hyperledger.Fabric.Protos.Ledger.Rwset.TxReadWriteSet), "Hyperledger.Fabric.Protos.Ledger.Rwset", "rwset.TxReadWriteSet" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void GeneratedType_LivesInJavaPackageNamespace_KeepsProtoName(Type type, string csharpNamespace, string protoName)
    {
        var descriptor = (MessageDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!;

        Assert.Equal(csharpNamespace, type.Namespace);
        Assert.Equal(protoName, descriptor.FullName);
    }

    [Fact]
    public void GeneratedServices_HaveClientAndServerStubs_WithFabricsServiceNames()
    {
        // Wire names are what peers route by; the C# namespace must not leak into them.
        Assert.Equal("protos.ChaincodeSupport", PeerPb.ChaincodeSupport.Descriptor.FullName);
        Assert.Equal("protos.Chaincode", PeerPb.Chaincode.Descriptor.FullName);
        Assert.Equal("protos.Deliver", PeerPb.Deliver.Descriptor.FullName);
        Assert.Equal("orderer.AtomicBroadcast", OrdererPb.AtomicBroadcast.Descriptor.FullName);
        Assert.Equal("gateway.Gateway", GatewayPb.Gateway.Descriptor.FullName);
    }
}
