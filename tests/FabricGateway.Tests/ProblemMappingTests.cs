using Grpc.Core;
using MedChain.FabricClient;
using MedChain.FabricGateway.Apis;

namespace MedChain.FabricGateway.Tests;

public sealed class ProblemMappingTests
{
    private const string _txId = "0f3c9a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    private static readonly ErrorDetail[] _details = [new("peer0.org1.example.com:7051", "Org1MSP", "connection refused")];

    [Fact]
    public void Map_FabricUnreachable_Returns503LedgerUnavailableWithoutPeerAddressMspOrTransactionId()
    {
        var error = new EndorseException(_txId, new RpcException(new Status(StatusCode.Unavailable, "peer0.org1.example.com:7051 unreachable")), _details);

        var (status, _, detail, type) = ProblemMapping.Map(error);

        Assert.Equal(503, status);
        Assert.Equal("https://medchain.example/problems/ledger-unavailable", type.Uri);
        Assert.DoesNotContain("peer0", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Org1MSP", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_txId, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_CommitStatusTimedOut_Returns504OutcomeUnknown()
    {
        var error = new CommitStatusException(_txId, new RpcException(new Status(StatusCode.DeadlineExceeded, "deadline")), _details);

        var (status, title, detail, type) = ProblemMapping.Map(error);

        Assert.Equal(504, status);
        Assert.Equal("https://medchain.example/problems/outcome-unknown", type.Uri);
        Assert.Equal("Outcome unknown", title);
        Assert.DoesNotContain(_txId, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_StorageUnreachable_Returns503StorageUnavailable()
    {
        var (status, _, _, type) = ProblemMapping.Map(new Azure.RequestFailedException(0, "connection refused", new HttpRequestException("connection refused")));

        Assert.Equal(503, status);
        Assert.Equal(ProblemTypes.StorageUnavailable, type);
    }

    [Fact]
    public void Map_ChaincodeConflict_Returns409LedgerConflict()
    {
        var error = new EndorseException(_txId, new RpcException(new Status(StatusCode.Aborted, "failed to endorse")), [new("peer0", "Org1MSP", "chaincode response 409, conflict: prescription 'rx-1' is cancelled")]);

        var (status, _, detail, type) = ProblemMapping.Map(error);

        Assert.Equal(409, status);
        Assert.Equal(ProblemTypes.LedgerConflict, type);
        Assert.Equal("conflict: prescription 'rx-1' is cancelled", detail);
    }
}
