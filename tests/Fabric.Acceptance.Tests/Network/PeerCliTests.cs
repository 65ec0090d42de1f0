using System.Text.Json;

namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>
/// The peer CLI (through network/invoke.sh and network/query.sh) against the .NET chaincodes
/// deployed as chaincode-as-a-service. Runs once per network (TLS on and off).
/// </summary>
public abstract class PeerCliTests(FabricNetworkFixture network)
{
    [Fact]
    public async Task KvPut_EndorsedByBothOrganizations_IsReadOnBothPeers()
    {
        network.RequireNetwork();
        var key = NewKey();

        var invoke = await network.InvokeAsync(["--name", "kv", "Put", key, "value 1"], TestContext.Current.CancellationToken);

        Assert.True(invoke.ExitCode == 0, invoke.Describe());
        Assert.Contains("Chaincode invoke successful", invoke.StandardError, StringComparison.Ordinal);
        foreach (var org in new[] { "1", "2" })
        {
            var query = await network.QueryAsync(["--name", "kv", "--org", org, "Get", key], TestContext.Current.CancellationToken);
            Assert.True(query.ExitCode == 0, query.Describe());
            Assert.Equal("value 1", query.StandardOutput.TrimEnd('\n'));
        }
    }

    [Fact]
    public async Task KvGet_MissingKey_FailsWithTheChaincodesMessage()
    {
        network.RequireNetwork();
        var key = NewKey();

        var query = await network.QueryAsync(["--name", "kv", "Get", key], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, query.ExitCode);
        Assert.Contains($"key not found: {key}", query.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KvPut_EndorsedByOneOrganization_IsInvalidatedByTheMajorityPolicy()
    {
        network.RequireNetwork();
        var key = NewKey();

        var invoke = await network.InvokeAsync(["--name", "kv", "--endorsers", "1", "Put", key, "v"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, invoke.ExitCode);
        Assert.Contains("ENDORSEMENT_POLICY_FAILURE", invoke.StandardError, StringComparison.Ordinal);
        var query = await network.QueryAsync(["--name", "kv", "Get", key], TestContext.Current.CancellationToken);
        Assert.Contains($"key not found: {key}", query.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KvPut_SignedByThePharmacy_IsReadByTheHospital()
    {
        network.RequireNetwork();
        var key = NewKey();

        var invoke = await network.InvokeAsync(["--name", "kv", "--org", "2", "Put", key, "from the pharmacy"], TestContext.Current.CancellationToken);

        Assert.True(invoke.ExitCode == 0, invoke.Describe());
        var query = await network.QueryAsync(["--name", "kv", "--org", "1", "Get", key], TestContext.Current.CancellationToken);
        Assert.Equal("from the pharmacy", query.StandardOutput.TrimEnd('\n'));
    }

    [Fact]
    public async Task MedChainGetMetadata_OnBothPeers_DescribesTheContracts()
    {
        network.RequireNetwork();

        foreach (var org in new[] { "1", "2" })
        {
            var query = await network.QueryAsync(
                ["--name", "medchain", "--org", org, "org.hyperledger.fabric:GetMetadata"], TestContext.Current.CancellationToken);

            Assert.True(query.ExitCode == 0, query.Describe());
            using var metadata = JsonDocument.Parse(query.StandardOutput);
            Assert.True(metadata.RootElement.TryGetProperty("contracts", out var contracts), query.StandardOutput);
            Assert.NotEmpty(contracts.EnumerateObject());
        }
    }

    private static string NewKey() => $"cli-{Guid.NewGuid():N}";
}

[Collection(TlsNetworkGroup.Name)]
public sealed class PeerCliTlsTests(TlsNetworkFixture network) : PeerCliTests(network);

[Collection(PlainNetworkGroup.Name)]
public sealed class PeerCliPlainTests(PlainNetworkFixture network) : PeerCliTests(network);
