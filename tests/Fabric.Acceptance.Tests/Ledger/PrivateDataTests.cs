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
    private const string Collection = "shared";

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
        var options = ProposalOptions.WithArguments(Collection, privateKey);
        options.TransientData["value"] = Encoding.UTF8.GetBytes(secret);
        await kv.SubmitTransactionAsync("PutPrivate", options, token);

        // The pharmacy's peer got the value from the hospital's through gossip.
        var read = await pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivate", [Collection, privateKey], token);
        var hash = await pharmacy.Network.GetContract("kv").EvaluateTransactionAsync("GetPrivateHash", [Collection, privateKey], token);
        var blocks = await BlockContents.ReadAsync(pharmacy.Network, from, token);

        Assert.Equal(secret, Encoding.UTF8.GetString(read));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), Encoding.UTF8.GetString(hash));
        // The scan sees what is public: the public write, in its write set and in the raw block.
        Assert.Contains(blocks.Find(publicValue), place => place.Contains($"write kv/{publicKey}", StringComparison.Ordinal));
        Assert.Empty(blocks.Find(secret, privateKey));
        Assert.Contains(blocks.PrivateWriteHashes, w =>
            w.KeyHash.Span.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(privateKey)))
            && w.ValueHash.Span.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    }

    [Fact]
    public async Task PutPrivate_OrganizationCollectionUnderTwoOrganizationPolicy_GatewayRefusesToShowTransientDataToTheOther()
    {
        network.RequireNetwork();
        var token = TestContext.Current.CancellationToken;
        using var hospital = await network.ConnectAsync(1, network.User(1), token);
        var options = ProposalOptions.WithArguments("_implicit_org_Org1MSP", $"own-{Guid.NewGuid():N}");
        options.TransientData["value"] = Encoding.UTF8.GetBytes("hospital only");

        // The chaincode policy needs the pharmacy's peer, which is outside the hospital's collection:
        // endorsing there would hand it the transient data, so the Gateway stops (why MedChain's
        // content collections hold every organization that must endorse).
        var error = await Assert.ThrowsAnyAsync<GatewayException>(
            () => hospital.Network.GetContract("kv").SubmitTransactionAsync("PutPrivate", options, token));

        Assert.Contains("distribution policy of the private data collection", error.Message, StringComparison.Ordinal);
    }
}

[Collection(TlsNetworkGroup.Name)]
public sealed class PrivateDataTlsTests(TlsNetworkFixture network) : PrivateDataTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class PrivateDataPlainTests(PlainNetworkFixture network) : PrivateDataTests(network);
