using System.CommandLine;
using MedChain.FabricClient.Cli.Load;

namespace MedChain.FabricClient.Cli.Tests;

public class LoadCommandTests
{
    private static readonly string[] _connection = ["--endpoint", "localhost:7051", "--msp-id", "Org1MSP", "--msp-dir", "/tmp/msp", "--channel", "mychannel", "--chaincode", "kv"];

    [Fact]
    public void Parse_AllKnobs_Accepted()
    {
        var command = LoadCommand.Create();

        var parse = command.Parse([.. _connection, "--mode", "submit", "--concurrency", "64", "--duration", "20", "--warmup", "3", "Put", "k{n}", "v{n}"]);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void Parse_UnknownMode_IsAnError()
    {
        var parse = LoadCommand.Create().Parse([.. _connection, "--mode", "invoke", "Get", "k"]);

        Assert.NotEmpty(parse.Errors);
    }

    [Fact]
    public void CreatePlan_Values_BecomeThePlan()
    {
        var plan = LoadCommand.CreatePlan("submit", "Put", ["key-{n}", "value"], 64, 20, 2.5);

        Assert.True(plan.Submit);
        Assert.Equal("Put", plan.Function);
        Assert.Equal(64, plan.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(20), plan.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2.5), plan.Warmup);
        Assert.Equal(["key-9", "value"], plan.Arguments.Expand(9, 0));
    }

    [Theory]
    [InlineData("evaluate", "Get", 0, 10, 1)]
    [InlineData("evaluate", "Get", 10_001, 10, 1)]
    [InlineData("evaluate", "Get", 8, 0, 1)]
    [InlineData("evaluate", "Get", 8, 10, -1)]
    [InlineData("evaluate", "Get", 8, double.PositiveInfinity, 1)]
    [InlineData("evaluate", "", 8, 10, 1)]
    [InlineData("query", "Get", 8, 10, 1)]
    public void CreatePlan_UnusableValue_Throws(string mode, string function, int concurrency, double duration, double warmup)
    {
        Assert.Throws<ArgumentException>(() => LoadCommand.CreatePlan(mode, function, [], concurrency, duration, warmup));
    }

    [Fact]
    public void ErrorKind_StageAndCode()
    {
        var rpc = new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "down"));
        var commit = new CommitException(new CommitStatus("tx1", PeerPb.TxValidationCode.MvccReadConflict, 7));

        Assert.Equal("rpc:Unavailable", LoadRunner.ErrorKind(rpc));
        Assert.Equal("commit:MvccReadConflict", LoadRunner.ErrorKind(commit));
        Assert.Equal("timeout", LoadRunner.ErrorKind(new OperationCanceledException()));
        Assert.Equal("InvalidOperationException", LoadRunner.ErrorKind(new InvalidOperationException()));
    }
}
