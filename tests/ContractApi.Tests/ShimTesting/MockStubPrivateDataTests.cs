using System.Security.Cryptography;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

/// <summary>Private data collections in the in-memory ledger behave as on a peer.</summary>
public sealed class MockStubPrivateDataTests
{
    private const string _cc = "medchain";
    private const string _shared = "hospitalPharmacy";
    private const string _hospitalOnly = "hospitalOnly";

    private readonly InMemoryLedger _ledger = new("clinic");
    private readonly ChaincodeTester _tester;

    public MockStubPrivateDataTests()
    {
        _tester = new ChaincodeTester(_ledger, _cc);
        _ledger.DefineCollection(_cc, new CollectionDefinition(_shared, ["Org1MSP", "Org2MSP"]) { MemberOnlyRead = true, MemberOnlyWrite = true });
        _ledger.DefineCollection(_cc, new CollectionDefinition(_hospitalOnly, ["Org1MSP"]) { MemberOnlyRead = true, MemberOnlyWrite = true });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LambdaChaincode Put(string collection, string key) => new(async stub =>
    {
        await stub.PutPrivateDataAsync(collection, key, stub.TransientMap["value"], Ct);
        await stub.PutStateAsync("rx1", Support.Utf8("""{"state":"issued"}"""), Ct);
        stub.SetEvent("Issued", Support.Utf8("""{"id":"rx1"}"""));
        return ChaincodeResponse.Success();
    });

    private static LambdaChaincode Get(string collection, string key) =>
        new(async stub => ChaincodeResponse.Success(await stub.GetPrivateDataAsync(collection, key, Ct) ?? Support.Utf8("<absent>")));

    private static TransactionOptions Transient(string value, string? peerMspId = null) =>
        new() { TransientMap = new Dictionary<string, byte[]> { ["value"] = Support.Utf8(value) }, PeerMspId = peerMspId };

    [Fact]
    public async Task PutPrivateData_TransientInput_BlockHoldsOnlyHashes()
    {
        var result = await _tester.InvokeAsync(Put(_shared, "rx1"), ["Issue", "rx1"], Support.Doctor, Support.Time, Transient("amoxicillin 500mg"), Ct);

        Assert.True(result.IsValid);
        var onChain = Assert.IsType<OnChainTransaction>(result.OnChain);
        Assert.Empty(onChain.Find("amoxicillin", "500mg"));
        Assert.Equal(["write:rx1: issued"], onChain.Find("issued"));
        var hashed = Assert.Single(onChain.PrivateWriteHashes);
        Assert.Equal((_cc, _shared, false), (hashed.Namespace, hashed.Collection, hashed.IsPurge));
        Assert.Equal(SHA256.HashData(Support.Utf8("rx1")), hashed.KeyHash);
        Assert.Equal(SHA256.HashData(Support.Utf8("amoxicillin 500mg")), hashed.ValueHash);
        Assert.Equal(SHA256.HashData(Support.Utf8("amoxicillin 500mg")), _ledger.GetPrivateDataHash(_cc, _shared, "rx1"));
    }

    [Fact]
    public async Task OnChain_ArgumentsAndEvents_AreScanned()
    {
        var chaincode = new LambdaChaincode(stub =>
        {
            stub.SetEvent("Issued", Support.Utf8("""{"medication":"ibuprofen"}"""));
            return Task.FromResult(ChaincodeResponse.Success(Support.Utf8("dosage 3x")));
        });

        var result = await _tester.InvokeAsync(chaincode, ["Issue", "warfarin"], Support.Doctor, Support.Time, cancellationToken: Ct);

        Assert.Equal(["arg[1]: warfarin", "event: ibuprofen", "response: dosage"], result.OnChain!.Find("warfarin", "ibuprofen", "dosage"));
    }

    [Fact]
    public async Task GetPrivateData_MemberPeerAndCreator_ReadsValue()
    {
        await _tester.InvokeAsync(Put(_shared, "rx1"), ["Issue"], Support.Doctor, Support.Time, Transient("amoxicillin"), Ct);

        var read = await _tester.EvaluateAsync(Get(_shared, "rx1"), ["Read"], Support.Pharmacist, Support.Time, cancellationToken: Ct);

        Assert.Equal("amoxicillin", read.Text());
    }

    [Fact]
    public async Task GetPrivateData_ExistingKeyOnNonMemberPeer_FailsAsOnThePeer()
    {
        await _tester.InvokeAsync(Put(_hospitalOnly, "c1"), ["Grant"], Support.Doctor, Support.Time, Transient("oncology"), Ct);
        var chaincode = Get(_hospitalOnly, "c1");

        // A hospital client whose proposal reaches the pharmacy's peer: the creator may read, the peer has only the hash.
        var e = await Assert.ThrowsAsync<PeerCallException>(() => _tester.EvaluateAsync(chaincode, ["Read"], Support.Doctor, Support.Time, new TransactionOptions { PeerMspId = "Org2MSP" }, Ct));
        var absent = await _tester.EvaluateAsync(Get(_hospitalOnly, "none"), ["Read"], Support.Doctor, Support.Time, new TransactionOptions { PeerMspId = "Org2MSP" }, Ct);

        Assert.StartsWith("private data matching public hash version is not available", e.Message, StringComparison.Ordinal);
        Assert.Equal("<absent>", absent.Text());
    }

    [Fact]
    public async Task GetPrivateData_MemberOnlyReadAndNonMemberCreator_Fails()
    {
        await _tester.InvokeAsync(Put(_hospitalOnly, "c1"), ["Grant"], Support.Doctor, Support.Time, Transient("oncology"), Ct);

        var e = await Assert.ThrowsAsync<PeerCallException>(() => _tester.EvaluateAsync(Get(_hospitalOnly, "c1"), ["Read"], Support.Pharmacist, Support.Time, new TransactionOptions { PeerMspId = "Org1MSP" }, Ct));

        Assert.Equal($"tx creator does not have read access permission on privatedata in chaincodeName:{_cc} collectionName: {_hospitalOnly}", e.Message);
    }

    [Fact]
    public async Task PutPrivateData_MemberOnlyWriteAndNonMemberCreator_Fails()
    {
        var e = await Assert.ThrowsAsync<PeerCallException>(() => _tester.SimulateAsync(Put(_hospitalOnly, "c1"), ["Grant"], Support.Pharmacist, Support.Time, Transient("x"), Ct));

        Assert.Contains("does not have write access permission", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrivateDataHash_AnyPeerAndCreator_ReadsHash()
    {
        await _tester.InvokeAsync(Put(_hospitalOnly, "c1"), ["Grant"], Support.Doctor, Support.Time, Transient("oncology"), Ct);
        var chaincode = new LambdaChaincode(async stub => ChaincodeResponse.Success(await stub.GetPrivateDataHashAsync(_hospitalOnly, "c1", Ct)));

        var hash = await _tester.EvaluateAsync(chaincode, ["Hash"], Support.Pharmacist, Support.Time, cancellationToken: Ct);

        Assert.Equal(SHA256.HashData(Support.Utf8("oncology")), hash.Payload);
    }

    [Fact]
    public async Task ImplicitCollection_AlwaysDefined_HeldByItsOrganizationOnly()
    {
        const string implicitOrg1 = "_implicit_org_Org1MSP";
        var write = await _tester.InvokeAsync(Put(implicitOrg1, "n1"), ["Note"], Support.Pharmacist, Support.Time, Transient("note"), Ct);

        var onOwnPeer = await _tester.EvaluateAsync(Get(implicitOrg1, "n1"), ["Read"], Support.Pharmacist, Support.Time, new TransactionOptions { PeerMspId = "Org1MSP" }, Ct);

        // Not member-only: any creator writes and reads through the organization's own peer, not elsewhere.
        Assert.True(write.IsValid);
        Assert.Equal("note", onOwnPeer.Text());
        await Assert.ThrowsAsync<PeerCallException>(() => _tester.EvaluateAsync(Get(implicitOrg1, "n1"), ["Read"], Support.Pharmacist, Support.Time, cancellationToken: Ct));
    }

    [Fact]
    public async Task PrivateData_UndefinedCollectionOrInit_FailsAsOnThePeer()
    {
        var undefined = await Assert.ThrowsAsync<PeerCallException>(() => _tester.SimulateAsync(Get("other", "k"), ["Read"], Support.Doctor, Support.Time, cancellationToken: Ct));
        var init = await Assert.ThrowsAsync<PeerCallException>(() => _tester.SimulateAsync(Get(_shared, "k"), ["Init"], Support.Doctor, Support.Time, new TransactionOptions { IsInit = true }, Ct));

        Assert.Equal($"collection [other] not defined in the collection config for chaincode [{_cc}]", undefined.Message);
        Assert.Equal("private data APIs are not allowed in chaincode Init()", init.Message);
    }

    [Fact]
    public async Task PrivateRange_NonMemberPeer_ReturnsNothing()
    {
        await _tester.InvokeAsync(Put(_hospitalOnly, "c1"), ["Grant"], Support.Doctor, Support.Time, Transient("oncology"), Ct);
        var chaincode = new LambdaChaincode(async stub =>
            ChaincodeResponse.Success(Support.Utf8(string.Join(",", (await (await stub.GetPrivateDataByRangeAsync(_hospitalOnly, string.Empty, string.Empty, Ct)).ToListAsync()).Select(kv => kv.Key)))));

        var onMember = await _tester.EvaluateAsync(chaincode, ["Scan"], Support.Doctor, Support.Time, cancellationToken: Ct);
        var onOther = await _tester.EvaluateAsync(chaincode, ["Scan"], Support.Doctor, Support.Time, new TransactionOptions { PeerMspId = "Org2MSP" }, Ct);

        Assert.Equal("c1", onMember.Text());
        Assert.Equal(string.Empty, onOther.Text());
    }

    [Fact]
    public async Task PurgePrivateData_RemovesValue_BlockMarksPurge()
    {
        await _tester.InvokeAsync(Put(_shared, "rx1"), ["Issue"], Support.Doctor, Support.Time, Transient("amoxicillin"), Ct);
        var purge = new LambdaChaincode(async stub =>
        {
            await stub.PurgePrivateDataAsync(_shared, "rx1", Ct);
            return ChaincodeResponse.Success();
        });

        var result = await _tester.InvokeAsync(purge, ["Forget"], Support.Doctor, Support.Time, cancellationToken: Ct);

        var hashed = Assert.Single(result.OnChain!.PrivateWriteHashes);
        Assert.True(hashed.IsPurge);
        Assert.Null(hashed.ValueHash);
        Assert.Null(_ledger.GetPrivateData(_cc, _shared, "rx1"));
    }

    [Fact]
    public async Task PrivateData_ConcurrentUpdates_SecondGetsMvccConflict()
    {
        await _tester.InvokeAsync(Put(_shared, "rx1"), ["Issue"], Support.Doctor, Support.Time, Transient("v1"), Ct);
        var update = new LambdaChaincode(async stub =>
        {
            var current = await stub.GetPrivateDataAsync(_shared, "rx1", Ct);
            await stub.PutPrivateDataAsync(_shared, "rx1", [.. current!, .. Support.Utf8("+")], Ct);
            return ChaincodeResponse.Success();
        });

        var a = await _tester.SimulateAsync(update, ["Update"], Support.Doctor, Support.Time, cancellationToken: Ct);
        var b = await _tester.SimulateAsync(update, ["Update"], Support.Pharmacist, Support.Time, cancellationToken: Ct);

        Assert.True(_tester.Commit(a).IsValid);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, _tester.Commit(b).ValidationCode);
    }
}
