using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

public sealed class ChaincodeTesterCommitTests
{
    private const string _cc = "medchain";

    private readonly InMemoryLedger _ledger = new();
    private readonly ChaincodeTester _tester;

    public ChaincodeTesterCommitTests()
    {
        _tester = new ChaincodeTester(_ledger, _cc);
    }

    /// <summary>Decrements a stock counter: reads then writes the same key, like a dispense.</summary>
    private static LambdaChaincode Dispense() => new(async stub =>
    {
        var stock = int.Parse((await stub.GetStateAsync("stock")).Text(), System.Globalization.CultureInfo.InvariantCulture);
        if (stock == 0)
        {
            return ChaincodeResponse.Error("out of stock", 409);
        }

        await stub.PutStateAsync("stock", Support.Utf8((stock - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ChaincodeResponse.Success();
    });

    /// <summary>Counts the keys of a range and stores the count.</summary>
    private static LambdaChaincode CountRange() => new(async stub =>
    {
        var count = (await (await stub.GetStateByRangeAsync("item:", "item;")).ToListAsync()).Count;
        await stub.PutStateAsync("count", Support.Utf8(count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ChaincodeResponse.Success();
    });

    private Task<SimulatedTransaction> Simulate(IChaincode chaincode, params string[] args) =>
        _tester.SimulateAsync(chaincode, args, Support.Pharmacist, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Commit_TwoConcurrentDispensesOfOneItem_SecondGetsMvccReadConflict()
    {
        _ledger.Seed(_cc, "stock", Support.Utf8("1"));

        var first = await Simulate(Dispense(), "dispense");
        var second = await Simulate(Dispense(), "dispense");

        Assert.True(first.Response.IsSuccess);
        Assert.True(second.Response.IsSuccess);
        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(first).ValidationCode);
        var conflicted = _tester.Commit(second);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, conflicted.ValidationCode);
        Assert.False(conflicted.IsValid);
        Assert.Equal("0", _ledger.GetState(_cc, "stock").Text());
    }

    [Fact]
    public async Task CommitBlock_ConflictWithinOneBlock_LaterTransactionInvalid()
    {
        _ledger.Seed(_cc, "stock", Support.Utf8("5"));
        var first = await Simulate(Dispense(), "dispense");
        var second = await Simulate(Dispense(), "dispense");

        var results = _tester.CommitBlock([first, second]);

        Assert.Equal([PeerPb.TxValidationCode.Valid, PeerPb.TxValidationCode.MvccReadConflict], results.Select(r => r.ValidationCode!.Value));
        Assert.Equal(results[0].BlockNumber, results[1].BlockNumber);
        Assert.Equal("4", _ledger.GetState(_cc, "stock").Text());
    }

    [Fact]
    public async Task Commit_ReadOfAbsentKeyCreatedMeanwhile_MvccReadConflict()
    {
        var first = await Simulate(new LambdaChaincode(async stub =>
        {
            if (await stub.GetStateAsync("id") is null)
            {
                await stub.PutStateAsync("id", Support.Utf8("mine"));
            }

            return ChaincodeResponse.Success();
        }));
        _ledger.Seed(_cc, "id", Support.Utf8("theirs"));

        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, _tester.Commit(first).ValidationCode);
        Assert.Equal("theirs", _ledger.GetState(_cc, "id").Text());
    }

    [Fact]
    public async Task Commit_KeyInsertedIntoReadRange_PhantomReadConflict()
    {
        _ledger.Seed(_cc, "item:1", Support.Utf8("x"));
        var counting = await Simulate(CountRange());
        var inserting = await Simulate(new LambdaChaincode(async stub =>
        {
            await stub.PutStateAsync("item:2", Support.Utf8("y"));
            return ChaincodeResponse.Success();
        }));

        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(inserting).ValidationCode);
        Assert.Equal(PeerPb.TxValidationCode.PhantomReadConflict, _tester.Commit(counting).ValidationCode);
        Assert.Null(_ledger.GetState(_cc, "count"));
    }

    [Fact]
    public async Task Commit_KeyInReadRangeUpdatedOrDeleted_PhantomReadConflict()
    {
        _ledger.Seed(_cc, "item:1", Support.Utf8("x"));
        _ledger.Seed(_cc, "item:2", Support.Utf8("y"));
        var beforeUpdate = await Simulate(CountRange());
        var beforeDelete = await Simulate(CountRange());

        _ledger.Seed(_cc, "item:2", Support.Utf8("changed"));
        Assert.Equal(PeerPb.TxValidationCode.PhantomReadConflict, _tester.Commit(beforeUpdate).ValidationCode);

        var deleting = await Simulate(new LambdaChaincode(async stub =>
        {
            await stub.DelStateAsync("item:1");
            return ChaincodeResponse.Success();
        }));
        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(deleting).ValidationCode);
        Assert.Equal(PeerPb.TxValidationCode.PhantomReadConflict, _tester.Commit(beforeDelete).ValidationCode);
    }

    [Fact]
    public async Task Commit_ChangeBeyondWhatAnUnfinishedRangeRead_Valid()
    {
        _ledger.Seed(_cc, "item:1", Support.Utf8("x"));
        _ledger.Seed(_cc, "item:3", Support.Utf8("z"));
        var firstOnly = await Simulate(new LambdaChaincode(async stub =>
        {
            var iterator = await stub.GetStateByRangeAsync("item:", "item;");
            await using (var enumerator = iterator.GetAsyncEnumerator())
            {
                await enumerator.MoveNextAsync();
            }

            await iterator.DisposeAsync();
            await stub.PutStateAsync("first", Support.Utf8("seen"));
            return ChaincodeResponse.Success();
        }));

        _ledger.Seed(_cc, "item:2", Support.Utf8("y"));

        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(firstOnly).ValidationCode);
    }

    [Fact]
    public async Task Commit_KeyOutsideReadRangeChanged_Valid()
    {
        _ledger.Seed(_cc, "item:1", Support.Utf8("x"));
        var counting = await Simulate(CountRange());
        _ledger.Seed(_cc, "other", Support.Utf8("y"));

        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(counting).ValidationCode);
        Assert.Equal("1", _ledger.GetState(_cc, "count").Text());
    }

    [Fact]
    public async Task Commit_PrivateReadChangedMeanwhile_MvccReadConflict()
    {
        var reader = await Simulate(new LambdaChaincode(async stub =>
        {
            await stub.GetPrivateDataAsync("secrets", "k");
            await stub.PutStateAsync("seen", Support.Utf8("1"));
            return ChaincodeResponse.Success();
        }));
        await _tester.InvokeAsync(
            new LambdaChaincode(async stub =>
            {
                await stub.PutPrivateDataAsync("secrets", "k", Support.Utf8("v"));
                return ChaincodeResponse.Success();
            }),
            [],
            Support.Doctor,
            Support.Time,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, _tester.Commit(reader).ValidationCode);
    }

    [Fact]
    public async Task Commit_FailedResponse_NotSubmittedAndNothingApplied()
    {
        _ledger.Seed(_cc, "stock", Support.Utf8("1"));
        var height = _ledger.Height;
        var failing = await Simulate(new LambdaChaincode(async stub =>
        {
            await stub.PutStateAsync("stock", Support.Utf8("999"));
            return ChaincodeResponse.Error("refused", 403);
        }));

        var result = _tester.Commit(failing);

        Assert.Null(result.ValidationCode);
        Assert.Null(result.BlockNumber);
        Assert.Equal("refused", result.Response.Message);
        Assert.Equal("1", _ledger.GetState(_cc, "stock").Text());
        Assert.Equal(height, _ledger.Height);
        Assert.False(_ledger.ContainsTransaction(failing.TxId));
    }

    [Fact]
    public async Task Commit_SameTransactionTwice_DuplicateTxid()
    {
        _ledger.Seed(_cc, "stock", Support.Utf8("3"));
        var tx = await Simulate(Dispense());

        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(tx).ValidationCode);
        Assert.Equal(PeerPb.TxValidationCode.DuplicateTxid, _tester.Commit(tx).ValidationCode);
        Assert.Equal("2", _ledger.GetState(_cc, "stock").Text());
    }

    [Fact]
    public async Task Commit_TransactionOfAnotherLedger_Throws()
    {
        var other = new ChaincodeTester(new InMemoryLedger(), _cc);
        var tx = await other.SimulateAsync(new LambdaChaincode(_ => Task.FromResult(ChaincodeResponse.Success())), [], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Throws<ArgumentException>(() => _tester.Commit(tx));
    }

    [Fact]
    public async Task EvaluateAsync_DoesNotCommit()
    {
        _ledger.Seed(_cc, "stock", Support.Utf8("3"));

        var response = await _tester.EvaluateAsync(Dispense(), [], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccess);
        Assert.Equal("3", _ledger.GetState(_cc, "stock").Text());
    }
}
