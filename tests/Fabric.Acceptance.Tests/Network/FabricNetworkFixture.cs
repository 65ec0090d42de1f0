using Grpc.Net.Client;
using MedChain.Fabric.Acceptance.Tests.Identity;
using MedChain.Fabric.Acceptance.Tests.Infrastructure;
using MedChain.FabricClient;
using ClientGateway = MedChain.FabricClient.Gateway;

namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>
/// A local Fabric 2.5 network for one test collection: network/up.sh, then the kv sample and the
/// MedChain chaincode deployed as chaincode-as-a-service with network/deploy-ccaas.sh; torn down
/// with network/down.sh afterwards (set MEDCHAIN_KEEP_NETWORK=1 to keep it for inspection).
/// Without FABRIC_HOME nothing starts and every test using it skips itself.
/// ACCEPTANCE_TLS=true|false runs only the network with or without TLS (default: both).
/// </summary>
public abstract class FabricNetworkFixture : IAsyncLifetime
{
    private static readonly TimeSpan _upTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan _deployTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan _cliTimeout = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, string?> _environment;

    protected FabricNetworkFixture(bool tls, int portBase)
    {
        Tls = tls;
        PortBase = portBase;
        RunDir = Path.Combine(RepoPaths.Root, ".run", "acceptance", tls ? "tls" : "plain");
        FabricHome = Environment.GetEnvironmentVariable("FABRIC_HOME") is { Length: > 0 } home ? home : null;
        _environment = new Dictionary<string, string?>
        {
            ["NETWORK_RUN_DIR"] = RunDir,
            ["NETWORK_TLS"] = tls ? "true" : "false",
            ["NETWORK_PORT_BASE"] = portBase.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NETWORK_ANCHOR_PEERS"] = "true",
            ["CHANNEL_NAME"] = ChannelName,
        };
        var only = Environment.GetEnvironmentVariable("ACCEPTANCE_TLS");
        if (FabricHome is null)
        {
            SkipReason = "FABRIC_HOME is not set: point it at an unpacked Fabric 2.5 release (bin/, config/, builders/ccaas/bin/) to run the Fabric acceptance tests.";
        }
        else if (only is "true" or "false" && only != _environment["NETWORK_TLS"])
        {
            SkipReason = $"ACCEPTANCE_TLS={only}: the network with NETWORK_TLS={_environment["NETWORK_TLS"]} is not run.";
        }
    }

    /// <summary>The channel the network creates.</summary>
    public static string ChannelName => "medchain";

    /// <summary>Whether every endpoint uses TLS.</summary>
    public bool Tls { get; }

    /// <summary>First port of the network's block (see network/lib/common.sh).</summary>
    public int PortBase { get; }

    /// <summary>The network's state directory.</summary>
    public string RunDir { get; }

    /// <summary>The Fabric release, or null.</summary>
    public string? FabricHome { get; }

    /// <summary>Why the tests skip, or null when the network runs.</summary>
    public string? SkipReason { get; }

    private string CryptoDir => Path.Combine(RunDir, "crypto-config");

    /// <summary>Skips the calling test when there is no network.</summary>
    public void RequireNetwork()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var token = TestContext.Current.CancellationToken;
        await RunScriptAsync("down.sh", [], _upTimeout, token);
        (await RunScriptAsync("up.sh", [], _upTimeout, token)).EnsureSuccess("network/up.sh");
        (await RunScriptAsync("deploy-ccaas.sh", ["--name", "kv"], _deployTimeout, token)).EnsureSuccess("deploying kv");
        (await RunScriptAsync("deploy-ccaas.sh", ["--name", "medchain"], _deployTimeout, token)).EnsureSuccess("deploying medchain");
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (SkipReason is not null || Environment.GetEnvironmentVariable("MEDCHAIN_KEEP_NETWORK") == "1")
        {
            return;
        }

        await RunScriptAsync("down.sh", [], _upTimeout, CancellationToken.None);
    }

    /// <summary>network/invoke.sh with this network's settings.</summary>
    public Task<ProcessResult> InvokeAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunScriptAsync("invoke.sh", arguments, _cliTimeout, cancellationToken);

    /// <summary>network/query.sh with this network's settings.</summary>
    public Task<ProcessResult> QueryAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunScriptAsync("query.sh", arguments, _cliTimeout, cancellationToken);

    /// <summary>Runs a network/ script against this network.</summary>
    public Task<ProcessResult> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        ScriptRunner.RunScriptAsync(script, arguments, _environment, timeout, cancellationToken);

    /// <summary>cryptogen's folder of organization 1 (hospital), 2 (pharmacy) or 3 (regulator).</summary>
    public string OrganizationDir(int org) =>
        Path.Combine(CryptoDir, "peerOrganizations", $"{OrgName(org)}.medchain.local");

    /// <summary>The address of organization <paramref name="org"/>'s peer.</summary>
    public string PeerEndpoint(int org) => $"127.0.0.1:{PortBase + (100 * org) + 51}";

    /// <summary>The TLS CA of organization <paramref name="org"/>'s peer.</summary>
    public string PeerTlsCa(int org) =>
        Path.Combine(OrganizationDir(org), "peers", $"peer0.{OrgName(org)}.medchain.local", "tls", "ca.crt");

    /// <summary>An identity of organization <paramref name="org"/> with MedChain's attributes.</summary>
    public IssuedIdentity IssueIdentity(int org, string commonName, IReadOnlyDictionary<string, string> attributes) =>
        AttributeIdentityIssuer.Issue(
            OrganizationDir(org),
            $"Org{org}MSP",
            commonName,
            attributes,
            Path.Combine(RunDir, "test-identities", $"org{org}-{commonName}-{Guid.NewGuid():N}"));

    /// <summary>The cryptogen User1 of organization <paramref name="org"/> (a client without attributes).</summary>
    public IssuedIdentity User(int org)
    {
        var msp = Path.Combine(OrganizationDir(org), "users", $"User1@{OrgName(org)}.medchain.local", "msp");
        return new IssuedIdentity(
            $"Org{org}MSP",
            msp,
            Directory.GetFiles(Path.Combine(msp, "signcerts"), "*.pem").Single(),
            Directory.GetFiles(Path.Combine(msp, "keystore")).Single());
    }

    /// <summary>Connects the .NET Gateway client to organization <paramref name="peerOrg"/>'s peer as <paramref name="identity"/>.</summary>
    public async Task<GatewayConnection> ConnectAsync(int peerOrg, IssuedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var channel = await GatewayConnectionFactory.CreateChannelAsync(
            new GatewayConnectionOptions
            {
                Endpoint = PeerEndpoint(peerOrg),
                TlsRootCertificatePath = Tls ? PeerTlsCa(peerOrg) : null,
            },
            cancellationToken);
        var (clientIdentity, signer) = await IdentityFiles.ReadPemFilesAsync(
            identity.MspId, identity.CertificatePath, identity.PrivateKeyPath, cancellationToken);
        var gateway = ClientGateway.Connect(clientIdentity, signer, channel, new GatewayOptions());
        return new GatewayConnection(channel, signer, gateway);
    }

    private static string OrgName(int org) => org switch
    {
        1 => "hospital",
        2 => "pharmacy",
        3 => "regulator",
        _ => throw new ArgumentOutOfRangeException(nameof(org), org, "Organizations are 1, 2 and 3."),
    };
}
