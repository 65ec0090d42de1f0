using System.Security.Cryptography;
using System.Text;
using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Ledger;

/// <summary>
/// Private data on a stock Fabric 2.5 network: the kv sample's collection <c>shared</c> (hospital
/// and pharmacy, network/config/collections/kv.json) deployed with the chaincode definition.
/// What the blocks hold is read from the pharmacy's own peer, as that organization's client sees it.
/// </summary>
public abstract class PrivateDataTests(FabricNetworkFixture network)
{
    private const string _collection = "shared";

    [Fact]
    public async Task PutPrivate_TransientValue_BlocksHoldOnlyItsHashes_MembersReadIt()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid().ToString("N");
        var (publicKey, publicValue, privateKey, secret) = ($"pub-{id}", $"public-{id}", $"pv-{id}", $"secret-{id}");
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        using var pharmacy = await network.ConnectAsync(2, network.User(2), token);
        var from = await BlockContents.HeightAsync(pharmacy.Network, token);

        var kv = hospital.Network.GetContract("kv");
        await kv.SubmitTransactionAsync("Put", [publicKey, publicValue], token);
        var options = ProposalOptions.WithArguments(_collection, privateKey);
        options.TransientData["value"] = Encoding.UTF8.GetBytes(secret);
        await kv.SubmitTransactionAsync("PutPrivate", options, token);

        // The pharmacy's peer got the value from the hospital's through gossip.
        var read = await pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivate", [_collection, privateKey], token);
        var hash = await pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivateHash", [_collection, privateKey], token);
        var blocks = await BlockContents.ReadAsync(pharmacy.Network, from, token);

        Assert.Equal(secret, Encoding.UTF8.GetString(read));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), Encoding.UTF8.GetString(hash));
        // The scan sees what is public: the public write, in its write set and in the raw block.
        Assert.Contains(blocks.Find(publicValue), place => place.Contains($"write kv/{publicKey}", StringComparison.Ordinal));
        Assert.Empty(blocks.Find(secret));
        // The key travels as an argument, so it is in the block (MedChain passes ids only); the write set holds its hash.
        Assert.All(blocks.Find(privateKey), place => Assert.Matches(" (arg\\[2\\]|block): ", place));
        Assert.Contains(blocks.PrivateWriteHashes, w =>
            w.KeyHash.Span.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(privateKey)))
            && w.ValueHash.Span.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    }

    [Fact]
    public async Task PutPrivate_OrganizationCollection_OnlyItsPeerEndorsesAndHoldsTheValue_OthersReadThroughIt()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        var key = $"own-{Guid.NewGuid():N}";
        var secret = $"hospital-only-{Guid.NewGuid():N}";
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        using var pharmacy = await network.ConnectAsync(2, network.User(2), token);
        var from = await BlockContents.HeightAsync(pharmacy.Network, token);
        var options = ProposalOptions.WithArguments("_implicit_org_Org1MSP", key);
        options.TransientData["value"] = Encoding.UTF8.GetBytes(secret);

        var submitted = await hospital.Network.GetContract("kv").SubmitAsync("PutPrivate", options, token);
        var status = await submitted.GetStatusAsync(token);

        var own = await hospital.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivate", ["_implicit_org_Org1MSP", key], token);
        // Straight to the pharmacy's peer (peer CLI): it holds the hash, not the value.
        var onPharmacyPeer = await network.QueryAsync(["--name", "kv", "--org", "2", "GetPrivate", "_implicit_org_Org1MSP", key], token);
        // Through the pharmacy's Gateway: its own peer fails with a peer error (500, no payload), so
        // the Gateway retries on the hospital's peer, and an implicit collection is not member-only.
        var viaPharmacyGateway = await pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivate", ["_implicit_org_Org1MSP", key], token);
        var blocks = await BlockContents.ReadAsync(pharmacy.Network, from, token);

        Assert.True(status.Successful, $"validation code {status.Code}");
        Assert.Equal(secret, Encoding.UTF8.GetString(own));
        // The same failure the in-memory ledger gives for a peer outside the collection.
        Assert.NotEqual(0, onPharmacyPeer.ExitCode);
        Assert.Contains("private data matching public hash version is not available", onPharmacyPeer.StandardError, StringComparison.Ordinal);
        Assert.Equal(secret, Encoding.UTF8.GetString(viaPharmacyGateway));
        Assert.Empty(blocks.Find(secret));
        // A transaction writing only the hospital's implicit collection is validated against that
        // collection's policy (the hospital's peers), not the chaincode's two-organization one: the
        // Gateway asked the hospital's peer alone, so the pharmacy's never saw the transient map.
        Assert.Equal(["Org1MSP"], blocks.Endorsers[submitted.TransactionId]);
    }
}

[Collection(TlsNetworkGroup.Name)]
public sealed class PrivateDataTlsTests(TlsNetworkFixture network) : PrivateDataTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class PrivateDataPlainTests(PlainNetworkFixture network) : PrivateDataTests(network);
