using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

public sealed class MockStubQueryTests
{
    private const string _cc = "medchain";

    private readonly InMemoryLedger _ledger = new();

    private MockStub NewStub() => new(_ledger, _cc, [], Support.Doctor, Support.Time);

    private void Seed(params string[] keys)
    {
        foreach (var key in keys)
        {
            _ledger.Seed(_cc, key, Support.Utf8("v:" + key));
        }
    }

    [Fact]
    public async Task GetStateByRange_Bounds_StartInclusiveEndExclusiveInKeyOrder()
    {
        Seed("d", "a", "c", "b", "e");

        var keys = (await (await NewStub().GetStateByRangeAsync("b", "e", TestContext.Current.CancellationToken)).ToListAsync()).Select(kv => kv.Key);

        Assert.Equal(["b", "c", "d"], keys);
    }

    [Fact]
    public async Task GetStateByRange_OpenBounds_AllSimpleKeysButNoCompositeKeys()
    {
        var stub = NewStub();
        Seed("b", "a", stub.CreateCompositeKey("patient", ["p1"]));

        var all = await (await stub.GetStateByRangeAsync(string.Empty, string.Empty, TestContext.Current.CancellationToken)).ToListAsync();

        Assert.Equal(["a", "b"], all.Select(kv => kv.Key));
        Assert.Equal("v:a", all[0].Value.Text());
        Assert.Equal(_cc, all[0].Namespace);
    }

    [Fact]
    public async Task GetStateByRange_NonAsciiKeys_OrderedByUtf8BytesAsOnAPeer()
    {
        // UTF-16 ordinal order would put U+1F600 (a surrogate pair) before U+FF21; UTF-8 byte order puts it after.
        Seed("\uFF21", "\U0001F600", "z");

        var keys = (await (await NewStub().GetStateByRangeAsync(string.Empty, string.Empty, TestContext.Current.CancellationToken)).ToListAsync()).Select(kv => kv.Key);

        Assert.Equal(["z", "\uFF21", "\U0001F600"], keys);
    }

    [Fact]
    public async Task GetStateByRange_CompositeKeyBound_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NewStub().GetStateByRangeAsync("\0x", string.Empty, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void CreateCompositeKey_Encoding_MatchesFabric()
    {
        var stub = NewStub();

        Assert.Equal("\0patient\0org1\0p1\0", stub.CreateCompositeKey("patient", ["org1", "p1"]));
        Assert.Equal("\0patient\0", stub.CreateCompositeKey("patient", []));
        var (type, attributes) = stub.SplitCompositeKey("\0patient\0org1\0p1\0");
        Assert.Equal("patient", type);
        Assert.Equal(["org1", "p1"], attributes);
        Assert.Equal(["", "x"], stub.SplitCompositeKey(stub.CreateCompositeKey("t", ["", "x"])).Attributes);
    }

    [Theory]
    [InlineData("pa\0tient", "a")]
    [InlineData("patient", "a\0b")]
    [InlineData("patient", "\U0010FFFF")]
    public void CreateCompositeKey_ForbiddenCharacters_Throws(string objectType, string attribute)
    {
        Assert.Throws<ArgumentException>(() => NewStub().CreateCompositeKey(objectType, [attribute]));
    }

    [Fact]
    public void SplitCompositeKey_SimpleKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => NewStub().SplitCompositeKey("plain"));
    }

    [Fact]
    public async Task GetStateByPartialCompositeKey_ReturnsOnlyKeysWithThatPrefix()
    {
        var stub = NewStub();
        Seed(
            stub.CreateCompositeKey("rx", ["p1", "2"]),
            stub.CreateCompositeKey("rx", ["p1", "1"]),
            stub.CreateCompositeKey("rx", ["p10", "1"]),
            stub.CreateCompositeKey("rx", ["p2", "1"]),
            stub.CreateCompositeKey("rxx", ["p1", "1"]),
            "rx");

        var found = await (await stub.GetStateByPartialCompositeKeyAsync("rx", ["p1"], TestContext.Current.CancellationToken)).ToListAsync();

        Assert.Equal([["p1", "1"], ["p1", "2"]], found.Select(kv => stub.SplitCompositeKey(kv.Key).Attributes.ToArray()));
    }

    [Fact]
    public async Task GetStateByRangeWithPagination_Bookmarks_WalkEveryPageOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        Seed("k1", "k2", "k3", "k4", "k5");
        var seen = new List<string>();
        var bookmarks = new List<string>();
        var bookmark = string.Empty;
        do
        {
            var page = await NewStub().GetStateByRangeWithPaginationAsync("k1", "k9", 2, bookmark, ct);
            var items = await page.Iterator.ToListAsync();
            Assert.Equal(items.Count, page.Metadata.FetchedRecordsCount);
            seen.AddRange(items.Select(kv => kv.Key));
            bookmark = page.Metadata.Bookmark;
            bookmarks.Add(bookmark);
        }
        while (bookmark.Length > 0);

        Assert.Equal(["k1", "k2", "k3", "k4", "k5"], seen);
        Assert.Equal(["k3", "k5", string.Empty], bookmarks);
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyWithPagination_PagesThroughMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = NewStub();
        Seed(stub.CreateCompositeKey("rx", ["a"]), stub.CreateCompositeKey("rx", ["b"]), stub.CreateCompositeKey("rx", ["c"]), stub.CreateCompositeKey("ry", ["a"]));

        var first = await stub.GetStateByPartialCompositeKeyWithPaginationAsync("rx", [], 2, string.Empty, ct);
        var firstKeys = (await first.Iterator.ToListAsync()).Select(kv => kv.Key);
        var second = await NewStub().GetStateByPartialCompositeKeyWithPaginationAsync("rx", [], 2, first.Metadata.Bookmark, ct);
        var secondKeys = (await second.Iterator.ToListAsync()).Select(kv => kv.Key);

        Assert.Equal(["\0rx\0a\0", "\0rx\0b\0"], firstKeys);
        Assert.Equal(["\0rx\0c\0"], secondKeys);
        Assert.Equal(string.Empty, second.Metadata.Bookmark);
    }

    [Fact]
    public async Task Pagination_InvalidPageSize_Throws()
    {
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewStub().GetStateByRangeWithPaginationAsync("a", "z", 0, string.Empty, ct));
    }

    [Fact]
    public async Task Pagination_BookmarkBelowTheRange_StartsThereAsThePeerDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        Seed("a", "b", "m", "n");

        // The peer replaces the start key by the bookmark without checking it: keys below the range come back.
        var page = await NewStub().GetStateByRangeWithPaginationAsync("m", "z", 10, "a", ct);

        Assert.Equal(["a", "b", "m", "n"], (await page.Iterator.ToListAsync()).Select(kv => kv.Key));
    }

    [Fact]
    public async Task Pagination_BookmarkAtOrAfterTheEnd_EmptyPage()
    {
        var ct = TestContext.Current.CancellationToken;
        Seed("a", "m", "x");

        var page = await NewStub().GetStateByRangeWithPaginationAsync("a", "m", 5, "x", ct);

        Assert.Empty(await page.Iterator.ToListAsync());
        Assert.Equal(string.Empty, page.Metadata.Bookmark);
    }

    [Fact]
    public async Task Pagination_InReadWriteTransaction_RejectedEitherWay()
    {
        var ct = TestContext.Current.CancellationToken;
        var writesFirst = NewStub();
        await writesFirst.PutStateAsync("k", Support.Utf8("v"), ct);
        var queriesFirst = NewStub();
        await queriesFirst.GetStateByRangeWithPaginationAsync("a", "z", 5, string.Empty, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writesFirst.GetStateByRangeWithPaginationAsync("a", "z", 5, string.Empty, ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queriesFirst.PutStateAsync("k", Support.Utf8("v"), ct));
    }

    [Fact]
    public async Task Iterator_ReadTwice_Throws()
    {
        Seed("a");
        var iterator = await NewStub().GetStateByRangeAsync(string.Empty, string.Empty, TestContext.Current.CancellationToken);
        await iterator.ToListAsync();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await iterator.ToListAsync());
    }

    [Fact]
    public async Task RangeQuery_RecordedAsFarAsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        Seed("a", "b", "c");
        var stub = NewStub();
        var iterator = await stub.GetStateByRangeAsync("a", "z", ct);
        await using (var enumerator = iterator.GetAsyncEnumerator(ct))
        {
            Assert.True(await enumerator.MoveNextAsync());
            Assert.True(await enumerator.MoveNextAsync());
        }

        var range = Assert.Single(stub.ToSimulatedTransaction(ChaincodeResponse.Success()).RangeQueries);

        Assert.Equal(["a", "b"], range.Reads.Select(r => r.Key));
        Assert.False(range.Exhausted);
        Assert.Equal("z", range.EndKey);
    }
}
