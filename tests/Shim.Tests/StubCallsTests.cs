using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MedChain.ShimPeerDriver;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Tests;

/// <summary>Every stub call as the messages it puts on the stream, answered by the test peer.</summary>
public sealed class StubCallsTests : IAsyncLifetime
{
    private ChaincodeServerFixture _fixture = null!;
    private PeerDriver _peer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fixture = await ChaincodeServerFixture.StartAsync(new ProbeChaincode(), Ct);
        _peer = await _fixture.ConnectAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<string> CallAsync(params string[] args)
    {
        var reply = await _peer.InvokeAsync(args, Ct);
        return ChaincodeServerTests.Text(reply);
    }

    private List<PeerPb.ChaincodeMessage> Sent(MessageType type) => _peer.Ledger.Requests.Where(r => r.Type == type).ToList();

    [Fact]
    public async Task PutState_SendsPutStateWithTxContext()
    {
        var reply = await _peer.InvokeAsync(["put", "k", "v"], Ct, txId: "tx-put");

        var put = Assert.Single(Sent(MessageType.PutState));
        Assert.Equal(MessageType.Completed, reply.Type);
        Assert.Equal("tx-put", put.Txid);
        Assert.Equal(PeerDriver.Channel, put.ChannelId);
        var payload = PeerPb.PutState.Parser.ParseFrom(put.Payload);
        Assert.Equal(("k", "v", ""), (payload.Key, payload.Value.ToStringUtf8(), payload.Collection));
    }

    [Fact]
    public async Task GetState_MissingKey_ReturnsNull()
    {
        Assert.Equal("<nil>", await CallAsync("get", "absent"));
    }

    [Fact]
    public async Task DelState_RemovesKey()
    {
        _peer.Ledger.Put("k", "v");

        await CallAsync("del", "k");

        Assert.Null(_peer.Ledger.Get("k"));
        Assert.Equal("k", PeerPb.DelState.Parser.ParseFrom(Assert.Single(Sent(MessageType.DelState)).Payload).Key);
    }

    [Fact]
    public async Task PutState_EmptyValue_AnswersErrorAndWritesNothing()
    {
        var reply = await _peer.InvokeAsync(["put", "k", ""], Ct);

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Contains("DelState", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Empty(Sent(MessageType.PutState));
    }

    [Fact]
    public async Task GetStateByRange_MoreThanOneBatch_ReadsWithQueryStateNextAndCloses()
    {
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            _peer.Ledger.Put(key, key.ToUpperInvariant());
        }

        var result = await CallAsync("range", "b", "e");

        Assert.Equal("b=B;c=C;d=D", result);
        Assert.Single(Sent(MessageType.QueryStateNext));
        Assert.Single(_peer.Ledger.ClosedIterators);
        var range = PeerPb.GetStateByRange.Parser.ParseFrom(Assert.Single(Sent(MessageType.GetStateByRange)).Payload);
        Assert.Equal(("b", "e"), (range.StartKey, range.EndKey));
        Assert.True(range.Metadata.IsEmpty);
    }

    [Fact]
    public async Task GetStateByRange_EmptyStartKey_SendsFabricsSubstituteAndSkipsCompositeKeys()
    {
        _peer.Ledger.Put("a", "1");
        _peer.Ledger.Put(CompositeKey.Create("T", ["x"]), "composite");

        var result = await CallAsync("range", "", "");

        Assert.Equal("a=1", result);
        Assert.Equal("\u0001", PeerPb.GetStateByRange.Parser.ParseFrom(Assert.Single(Sent(MessageType.GetStateByRange)).Payload).StartKey);
    }

    [Fact]
    public async Task GetStateByRange_ReadOnlyFirst_ClosesIteratorOnPeer()
    {
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            _peer.Ledger.Put(key, "v");
        }

        Assert.Equal("a", await CallAsync("firstOnly", "", ""));

        Assert.Empty(Sent(MessageType.QueryStateNext));
        var close = PeerPb.QueryStateClose.Parser.ParseFrom(Assert.Single(Sent(MessageType.QueryStateClose)).Payload);
        Assert.Equal(Assert.Single(_peer.Ledger.ClosedIterators), close.Id);
    }

    [Fact]
    public async Task GetStateByRangeWithPagination_FollowsBookmarks()
    {
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            _peer.Ledger.Put(key, key);
        }

        var first = await CallAsync("rangePage", "a", "z", "3", "");
        var second = await CallAsync("rangePage", "a", "z", "3", "d");

        Assert.Equal("a=a;b=b;c=c|3|d", first);
        Assert.Equal("d=d;e=e|2|", second);
        var metadata = PeerPb.QueryMetadata.Parser.ParseFrom(PeerPb.GetStateByRange.Parser.ParseFrom(Sent(MessageType.GetStateByRange)[1].Payload).Metadata);
        Assert.Equal((3, "d"), (metadata.PageSize, metadata.Bookmark));
    }

    [Fact]
    public async Task GetStateByPartialCompositeKey_SendsFabricRange()
    {
        await CallAsync("composite", "Order", "hospitalA", "1", "first");
        await CallAsync("composite", "Order", "hospitalA", "2", "second");
        await CallAsync("composite", "Order", "hospitalB", "1", "other");

        var result = await CallAsync("partial", "Order", "hospitalA");

        Assert.Equal(".Order.hospitalA.1.=first;.Order.hospitalA.2.=second", result);
        var range = PeerPb.GetStateByRange.Parser.ParseFrom(Assert.Single(Sent(MessageType.GetStateByRange)).Payload);
        Assert.Equal("\0Order\0hospitalA\0", range.StartKey);
        Assert.Equal("\0Order\0hospitalA\0\U0010FFFF", range.EndKey);
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyWithPagination_ReturnsPageAndBookmark()
    {
        await CallAsync("composite", "Order", "a", "1");
        await CallAsync("composite", "Order", "b", "2");
        await CallAsync("composite", "Order", "c", "3");

        var result = await CallAsync("partialPage", "Order", "2", "");

        Assert.Equal(".Order.a.=1;.Order.b.=2|2|.Order.c.", result);
    }

    [Fact]
    public async Task GetQueryResult_WithAndWithoutPagination()
    {
        _peer.Ledger.Put("patient1", "p1");
        _peer.Ledger.Put("patient2", "p2");
        _peer.Ledger.Put("patient3", "p3");
        _peer.Ledger.Put("other", "o");

        var all = await CallAsync("query", "patient");
        var page = await CallAsync("queryPage", "patient", "1", "");

        Assert.Equal("patient1=p1;patient2=p2;patient3=p3", all);
        Assert.Equal("patient1=p1|1|patient2", page);
        Assert.Equal("patient", PeerPb.GetQueryResult.Parser.ParseFrom(Sent(MessageType.GetQueryResult)[0].Payload).Query);
    }

    [Fact]
    public async Task GetHistoryForKey_ParsesKeyModifications()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _peer.Ledger.History["k"] =
        [
            new QueryResultPb.KeyModification { TxId = "t3", IsDelete = true, Timestamp = Timestamp.FromDateTimeOffset(time) },
            new QueryResultPb.KeyModification { TxId = "t2", Value = ByteString.CopyFromUtf8("v2"), Timestamp = Timestamp.FromDateTimeOffset(time) },
            new QueryResultPb.KeyModification { TxId = "t1", Value = ByteString.CopyFromUtf8("v1"), Timestamp = Timestamp.FromDateTimeOffset(time) },
        ];

        var result = await CallAsync("history", "k");

        Assert.Equal("t3::True:2026-01-02T03:04:05.0000000+00:00;t2:v2:False:2026-01-02T03:04:05.0000000+00:00;t1:v1:False:2026-01-02T03:04:05.0000000+00:00", result);
        Assert.Single(Sent(MessageType.QueryStateNext));
    }

    [Fact]
    public async Task PrivateData_PutGetHashDelete_UseCollection()
    {
        await CallAsync("ppriv", "patients", "p1", "secret");
        var value = await CallAsync("gpriv", "patients", "p1");
        var hash = await CallAsync("hpriv", "patients", "p1");
        await CallAsync("dpriv", "patients", "p1");
        var afterDelete = await CallAsync("gpriv", "patients", "p1");

        Assert.Equal("secret", value);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("secret"))), hash);
        Assert.Equal("<nil>", afterDelete);
        Assert.Null(_peer.Ledger.Get("p1"));
        Assert.Equal("patients", PeerPb.GetState.Parser.ParseFrom(Assert.Single(Sent(MessageType.GetPrivateDataHash)).Payload).Collection);
        Assert.Equal("patients", PeerPb.DelState.Parser.ParseFrom(Assert.Single(Sent(MessageType.DelState)).Payload).Collection);
    }

    [Fact]
    public async Task PurgePrivateData_SendsFabric25PurgeMessageWithCollection()
    {
        await CallAsync("ppriv", "patients", "p1", "secret");

        await CallAsync("xpriv", "patients", "p1");

        var purge = PeerPb.DelState.Parser.ParseFrom(Assert.Single(Sent(PeerLedger.PurgePrivateData)).Payload);
        Assert.Equal(("patients", "p1"), (purge.Collection, purge.Key));
        Assert.Equal((MessageType)23, PeerLedger.PurgePrivateData);
        Assert.Equal("<nil>", await CallAsync("gpriv", "patients", "p1"));
        Assert.Empty(Sent(MessageType.DelState));
    }

    [Fact]
    public async Task PurgePrivateData_EmptyCollection_AnswersErrorWithoutCall()
    {
        var reply = await _peer.InvokeAsync(["xpriv", "", "k"], Ct);

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Empty(Sent(PeerLedger.PurgePrivateData));
    }

    [Fact]
    public async Task PrivateData_RangeAndPartialCompositeKey_ReadCollection()
    {
        _peer.Ledger.Put("a", "1", "c1");
        _peer.Ledger.Put("b", "2", "c1");
        _peer.Ledger.Put("a", "public");
        _peer.Ledger.Put(CompositeKey.Create("T", ["x", "1"]), "t", "c1");

        var range = await CallAsync("rpriv", "c1", "a", "c");
        var partial = await CallAsync("cpriv", "c1", "T", "x");

        Assert.Equal("a=1;b=2", range);
        Assert.Equal(".T.x.1.=t", partial);
    }

    [Fact]
    public async Task PrivateData_EmptyCollection_AnswersErrorWithoutCall()
    {
        var reply = await _peer.InvokeAsync(["gpriv", "", "k"], Ct);

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Contains("collection", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Empty(Sent(MessageType.GetState));
    }

    [Fact]
    public async Task StateValidationParameter_PutAndGet_UseValidationParameterMetakey()
    {
        var result = await CallAsync("setep", "k", "policy-bytes");

        Assert.Equal("policy-bytes", result);
        Assert.Equal("policy-bytes", Encoding.UTF8.GetString(_peer.Ledger.GetMetadata("", "k", "VALIDATION_PARAMETER")!));
        var put = PeerPb.PutStateMetadata.Parser.ParseFrom(Assert.Single(Sent(MessageType.PutStateMetadata)).Payload);
        Assert.Equal("VALIDATION_PARAMETER", put.Metadata.Metakey);
        Assert.Equal("<nil>", await CallAsync("getep", "unset"));
    }

    [Fact]
    public async Task PrivateDataValidationParameter_PutAndGet_UseCollection()
    {
        var result = await CallAsync("setpep", "c1", "k", "private-policy");

        Assert.Equal("private-policy", result);
        Assert.NotNull(_peer.Ledger.GetMetadata("c1", "k", "VALIDATION_PARAMETER"));
        Assert.Equal("c1", PeerPb.GetStateMetadata.Parser.ParseFrom(Assert.Single(Sent(MessageType.GetStateMetadata)).Payload).Collection);
    }

    [Fact]
    public async Task InvokeChaincode_OtherChannel_SendsNameSlashChannelAndReturnsResponse()
    {
        var result = await CallAsync("invoke", "othercc", "otherchannel", "Get", "k");

        Assert.Equal("200||othercc/otherchannel:Get,k", result);
        var spec = PeerPb.ChaincodeSpec.Parser.ParseFrom(Assert.Single(Sent(MessageType.InvokeChaincode)).Payload);
        Assert.Equal("othercc/otherchannel", spec.ChaincodeId.Name);
    }

    [Fact]
    public async Task InvokeChaincode_SameChannelAndPeerError_ReturnsErrorResponse()
    {
        var same = await CallAsync("invoke", "othercc", "", "x");
        var missing = await CallAsync("invoke", "missingcc", "", "x");

        Assert.Equal("200||othercc:x", same);
        Assert.StartsWith("500|chaincode missingcc not found", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionContext_FromSignedProposal_MatchesFabric()
    {
        var transient = new Dictionary<string, byte[]> { ["secret"] = Encoding.UTF8.GetBytes("s3cr3t") };
        var reply = await _peer.InvokeAsync(["ctx"], Ct, txId: "tx-ctx", transient: transient);

        var parts = ChaincodeServerTests.Text(reply).Split('|');
        var proposal = PeerPb.Proposal.Parser.ParseFrom(_peer.LastProposal!.ProposalBytes);
        var signatureHeader = CommonPb.SignatureHeader.Parser.ParseFrom(CommonPb.Header.Parser.ParseFrom(proposal.Header).SignatureHeader);
        var expectedBinding = SHA256.HashData([.. signatureHeader.Nonce, .. _peer.Creator, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal("tx-ctx", parts[0]);
        Assert.Equal(PeerDriver.Channel, parts[1]);
        Assert.Equal("2026-11-23T12:00:00.0000000+00:00", parts[2]);
        Assert.Equal(Convert.ToHexStringLower(expectedBinding), parts[3]);
        Assert.Equal("secret=s3cr3t", parts[4]);
        Assert.Equal(_peer.Creator.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[5]);
    }

    [Fact]
    public async Task ClientIdentity_FromCreator_HasMspIdIdAndAttribute()
    {
        var result = await CallAsync("identity");

        Assert.Equal($"Org1MSP|x509::CN=user1,OU=client+OU=org1,O=Hyperledger,ST=North Carolina,C=US::{DriverIdentity.CaGoName}|doctor", result);
    }
}
