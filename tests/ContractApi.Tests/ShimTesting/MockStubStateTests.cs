using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

public sealed class MockStubStateTests
{
    private const string _cc = "medchain";

    private readonly InMemoryLedger _ledger = new("clinic");
    private readonly ChaincodeTester _tester;

    public MockStubStateTests()
    {
        _tester = new ChaincodeTester(_ledger, _cc);
    }

    private MockStub NewStub(params string[] args) =>
        new(_ledger, _cc, args.Select(Support.Utf8).ToArray(), Support.Doctor, Support.Time);

    private TransactionResult Commit(MockStub stub) => _tester.Commit(stub.ToSimulatedTransaction(ChaincodeResponse.Success()));

    [Fact]
    public async Task GetState_AfterOwnPutInSameTransaction_SeesCommittedValueOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        _ledger.Seed(_cc, "k", Support.Utf8("old"));
        var stub = NewStub();

        await stub.PutStateAsync("k", Support.Utf8("new"), ct);
        await stub.PutStateAsync("fresh", Support.Utf8("x"), ct);

        Assert.Equal("old", (await stub.GetStateAsync("k", ct)).Text());
        Assert.Null(await stub.GetStateAsync("fresh", ct));
        Assert.Equal(PeerPb.TxValidationCode.Valid, Commit(stub).ValidationCode);
        Assert.Equal("new", _ledger.GetState(_cc, "k").Text());
    }

    [Fact]
    public async Task Commit_WritesAndDeletes_BumpVersionsAndRecordHistoryNewestFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = NewStub();
        await first.PutStateAsync("k", Support.Utf8("v1"), ct);
        var firstResult = Commit(first);
        var second = NewStub();
        await second.PutStateAsync("k", Support.Utf8("v2"), ct);
        Commit(second);
        var third = NewStub();
        await third.DelStateAsync("k", ct);
        Commit(third);

        var history = await NewStub().GetHistoryForKeyAsync("k", ct);
        var modifications = await history.ToListAsync();

        Assert.Equal([third.TxId, second.TxId, first.TxId], modifications.Select(m => m.TxId));
        Assert.Equal([true, false, false], modifications.Select(m => m.IsDelete));
        Assert.Equal("v2", modifications[1].Value.Text());
        Assert.Equal(Support.Time, modifications[0].Timestamp);
        Assert.Null(_ledger.GetState(_cc, "k"));
        Assert.Null(_ledger.GetVersion(_cc, "k"));
        Assert.Equal(1UL, firstResult.BlockNumber);
    }

    [Fact]
    public async Task Simulation_RecordsReadVersionsAndBufferedWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        _ledger.Seed(_cc, "a", Support.Utf8("1"));
        var version = _ledger.GetVersion(_cc, "a");
        var stub = NewStub();

        await stub.GetStateAsync("a", ct);
        await stub.GetStateAsync("missing", ct);
        await stub.PutStateAsync("b", Support.Utf8("2"), ct);
        await stub.DelStateAsync("a", ct);
        var tx = stub.ToSimulatedTransaction(ChaincodeResponse.Success());

        Assert.Equal([new ReadRecord(_cc, null, "a", version), new ReadRecord(_cc, null, "missing", null)], tx.ReadSet);
        Assert.Equal(["a", "b"], tx.WriteSet.Select(w => w.Key));
        Assert.True(tx.WriteSet[0].IsDelete);
        Assert.Equal("2", tx.WriteSet[1].Value.Text());
    }

    [Fact]
    public async Task PutState_InvalidInput_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = NewStub();

        await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync(string.Empty, Support.Utf8("v"), ct));
        await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync("k", [], ct));
        await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync("bad\uD800", Support.Utf8("v"), ct));
        Assert.Empty(stub.ToSimulatedTransaction(ChaincodeResponse.Success()).WriteSet);
    }

    [Fact]
    public async Task PutState_AfterSimulationCompleted_Throws()
    {
        var stub = NewStub();
        stub.ToSimulatedTransaction(ChaincodeResponse.Success());

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", Support.Utf8("v"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetEvent_LastCallWins_AndTravelsWithTheResult()
    {
        var chaincode = new LambdaChaincode(stub =>
        {
            stub.SetEvent("First", Support.Utf8("1"));
            stub.SetEvent("Second", Support.Utf8("2"));
            return Task.FromResult(ChaincodeResponse.Success());
        });

        var result = await _tester.InvokeAsync(chaincode, ["x"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Second", result.Event!.EventName);
        Assert.Equal("2", result.Event.Payload.ToStringUtf8());
        Assert.Equal(result.TxId, result.Event.TxId);
        Assert.Throws<ArgumentException>(() => NewStub().SetEvent(string.Empty, []));
    }

    [Fact]
    public async Task ValidationParameter_SetThenCommitted_ReadableAndKeptOnValueUpdate()
    {
        var ct = TestContext.Current.CancellationToken;
        _ledger.Seed(_cc, "k", Support.Utf8("v"));
        var setter = NewStub();
        await setter.SetStateValidationParameterAsync("k", [1, 2, 3], ct);
        Assert.Null(await setter.GetStateValidationParameterAsync("k", ct));
        Commit(setter);

        var updater = NewStub();
        await updater.PutStateAsync("k", Support.Utf8("v2"), ct);
        Commit(updater);

        Assert.Equal([1, 2, 3], await NewStub().GetStateValidationParameterAsync("k", ct));
        Assert.Equal([1, 2, 3], _ledger.GetValidationParameter(_cc, "k"));
    }

    [Fact]
    public async Task PrivateData_PutCommitGetAndHash()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = NewStub();
        await writer.PutPrivateDataAsync("secrets", "k", Support.Utf8("diagnosis"), ct);
        Assert.Null(await writer.GetPrivateDataAsync("secrets", "k", ct));
        Commit(writer);

        var reader = NewStub();

        Assert.Equal("diagnosis", (await reader.GetPrivateDataAsync("secrets", "k", ct)).Text());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Support.Utf8("diagnosis")), await reader.GetPrivateDataHashAsync("secrets", "k", ct));
        Assert.Null(await reader.GetStateAsync("k", ct));
        Assert.Null(await reader.GetPrivateDataHashAsync("secrets", "other", ct));
    }

    [Fact]
    public async Task PrivateData_UndefinedCollectionWhenCollectionsDeclared_Throws()
    {
        _ledger.DefineCollection(_cc, "secrets");

        await Assert.ThrowsAsync<PeerCallException>(() => NewStub().GetPrivateDataAsync("other", "k", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PrivateDataRangeQuery_AfterWrite_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = NewStub();
        await stub.PutStateAsync("k", Support.Utf8("v"), ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.GetPrivateDataByRangeAsync("secrets", string.Empty, string.Empty, ct));
    }

    [Fact]
    public async Task GetQueryResult_RichQuery_NotSupportedAsOnLevelDb()
    {
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => NewStub().GetQueryResultAsync("""{"selector":{}}""", TestContext.Current.CancellationToken));

        Assert.Contains("CouchDB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeChaincode_Registered_RunsInSameTransaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var callee = new LambdaChaincode(async stub =>
        {
            await stub.PutStateAsync("called", Support.Utf8(stub.StringArgs[0]), ct);
            return ChaincodeResponse.Success(Support.Utf8(stub.TxId));
        });
        _tester.RegisterChaincode("other", callee);
        var caller = new LambdaChaincode(async stub => await stub.InvokeChaincodeAsync("other", [Support.Utf8("hello")], cancellationToken: ct));

        var result = await _tester.InvokeAsync(caller, ["go"], Support.Doctor, Support.Time, cancellationToken: ct);

        Assert.True(result.IsValid);
        Assert.Equal(result.TxId, result.Response.Text());
        Assert.Equal("hello", _ledger.GetState("other", "called").Text());
        Assert.Null(_ledger.GetState(_cc, "called"));
    }

    [Fact]
    public async Task InvokeChaincode_Unregistered_NotSupported()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => NewStub().InvokeChaincodeAsync("ghost", [], cancellationToken: TestContext.Current.CancellationToken));
    }
}
