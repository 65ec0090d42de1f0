using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class CustomContextTests
{
    public sealed class AuditContext(IChaincodeStub stub, IClientIdentity identity, CancellationToken cancellationToken)
        : Context(stub, identity, cancellationToken)
    {
        public string Actor => $"{ClientIdentity.MspId}@{Stub.TxTimestamp:yyyy-MM-dd}";
    }

    [Contract(Name = "audited")]
    public sealed class AuditedContract : Contract
    {
        public override Context CreateContext(IChaincodeStub stub, IClientIdentity clientIdentity, CancellationToken cancellationToken) =>
            new AuditContext(stub, clientIdentity, cancellationToken);

        [Transaction(Evaluate = true)]
        public static string Actor(AuditContext ctx) => ctx.Actor;
    }

    [Contract(Name = "plain")]
    public sealed class PlainContract : Contract
    {
        [Transaction(Evaluate = true)]
        public static string Actor(AuditContext ctx) => ctx.Actor;
    }

    private static Task<ChaincodeResponse> Evaluate(ContractChaincode chaincode, string function) =>
        new ChaincodeTester(new InMemoryLedger()).EvaluateAsync(chaincode, [function], Support.Pharmacist, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task InvokeAsync_ContractCreatesOwnContext_TransactionReceivesIt()
    {
        var response = await Evaluate(new ContractChaincode(new AuditedContract()), "audited:Actor");

        Assert.Equal("Org2MSP@2026-03-01", response.Text());
    }

    [Fact]
    public async Task InvokeAsync_TransactionWantsContextTheContractDoesNotCreate_ErrorResponse()
    {
        var response = await Evaluate(new ContractChaincode(new PlainContract()), "plain:Actor");

        Assert.False(response.IsSuccess);
        Assert.Contains("internal error", response.Message, StringComparison.Ordinal);
    }
}
