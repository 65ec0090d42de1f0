using Grpc.Core;
using MedChain.FabricClient;
using MedChain.FabricGateway.Apis;

namespace MedChain.FabricGateway.Tests;

public sealed class ProblemMappingTests
{
    private const string _txId = "0f3c9a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    private static readonly ErrorDetail[] _details = [new("peer0.org1.example.com:7051", "Org1MSP", "connection refused")];

    [Fact]
    public void Map_FabricUnreachable_Returns502WithoutPeerAddressMspOrTransactionId()
    {
        var error = new EndorseException(_txId, new RpcException(new Status(StatusCode.Unavailable, "peer0.org1.example.com:7051 unreachable")), _details);

        var (status, _, detail) = ProblemMapping.Map(error);

        Assert.Equal(502, status);
        Assert.DoesNotContain("peer0", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Org1MSP", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_txId, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_CommitStatusTimedOut_Returns504OutcomeUnknown()
    {
        var error = new CommitStatusException(_txId, new RpcException(new Status(StatusCode.DeadlineExceeded, "deadline")), _details);

        var (status, title, detail) = ProblemMapping.Map(error);

        Assert.Equal(504, status);
        Assert.Equal("Outcome unknown", title);
        Assert.DoesNotContain(_txId, detail, StringComparison.Ordinal);
    }
}
