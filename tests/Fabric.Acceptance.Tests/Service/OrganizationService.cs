using MedChain.Fabric.Acceptance.Tests.Network;
using MedChain.GatewayTestSupport;
using MedChain.OffchainStore.Keys;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MedChain.Fabric.Acceptance.Tests.Service;

/// <summary>
/// One organization's FabricGateway service (in process) against the real network: its own peer, MSP, CA key
/// (enrolling each caller as the acceptance identities are issued), encryption key and identity store; the
/// storage account (Azurite) and the token issuer are shared by the organizations of a test.
/// </summary>
internal sealed class OrganizationService : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly TestTokens _tokens;

    private OrganizationService(WebApplicationFactory<Program> factory, TestTokens tokens, OrgKeyPair key)
    {
        _factory = factory;
        _tokens = tokens;
        Key = key;
    }

    /// <summary>The organization's record encryption key pair.</summary>
    public OrgKeyPair Key { get; }

    /// <summary>
    /// Starts organization <paramref name="org"/>'s service on its peer. <paramref name="otherKeys"/>: the public
    /// encryption keys of the organizations it may grant record keys to, by MSP id. <paramref name="peerOrg"/>: the
    /// organization whose peer it uses (default its own; the regulator, which has none, uses the hospital's).
    /// <paramref name="clock"/>: the clock the service stamps its proposals with (default the system clock).
    /// </summary>
    public static OrganizationService Start(
        FabricNetworkFixture network, int org, AzuriteProcess azurite, TestTokens tokens, OrgKeyPair key, IReadOnlyDictionary<string, OrgPublicKey> otherKeys, int? peerOrg = null, TimeProvider? clock = null)
    {
        var peer = peerOrg ?? org;
        var mspId = $"Org{org}MSP";
        var directory = Directory.CreateDirectory(Path.Combine(network.RunDir, "services", $"org{org}-{Guid.NewGuid():N}")).FullName;
        var organizations = Directory.CreateDirectory(Path.Combine(directory, "orgs")).FullName;
        foreach (var (otherMsp, publicKey) in otherKeys)
        {
            File.WriteAllText(Path.Combine(organizations, $"{otherMsp}.pem"), publicKey.ExportPem());
        }

        var encryptionKey = Path.Combine(directory, "encryption-key.pem");
        File.WriteAllText(encryptionKey, key.ExportPkcs8Pem());
        var tokenKey = Path.Combine(directory, "token-signing-key.pem");
        File.WriteAllText(tokenKey, tokens.PublicKeyPem);
        var service = network.IssueIdentity(org, "gateway-service", new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = "service" });
        var caDir = Path.Combine(network.OrganizationDir(org), "ca");
        var settings = new Dictionary<string, string?>
        {
            ["Fabric:Endpoint"] = $"{(network.Tls ? "https" : "http")}://{network.PeerEndpoint(peer)}",
            ["Fabric:MspId"] = mspId,
            ["Fabric:CertificatePath"] = service.CertificatePath,
            ["Fabric:PrivateKeyPath"] = service.PrivateKeyPath,
            ["Fabric:Channel"] = FabricNetworkFixture.ChannelName,
            ["Fabric:Chaincode"] = "medchain",
            ["Fabric:CommitStatusTimeout"] = "00:02:00",
            ["Storage:ServiceUri"] = azurite.BlobEndpoint.ToString(),
            ["Storage:AccountName"] = AzuriteProcess.AccountName,
            ["Storage:AccountKey"] = AzuriteProcess.AccountKey,
            ["Encryption:PrivateKeyPath"] = encryptionKey,
            ["Encryption:OrganizationKeysPath"] = organizations,
            ["Enrollment:Mode"] = "CertificateAuthorityKey",
            ["Enrollment:CaCertificatePath"] = Directory.GetFiles(caDir, "*-cert.pem").Single(),
            ["Enrollment:CaPrivateKeyPath"] = Path.Combine(caDir, "priv_sk"),
            ["Enrollment:IdentitiesContainer"] = $"identities-org{org}",
            ["DataProtection:KeysPath"] = Path.Combine(directory, "data-protection-keys"),
            ["Authentication:Issuer"] = TestTokens.Issuer,
            ["Authentication:Audience"] = TestTokens.Audience,
            ["Authentication:IssuerSigningKeyPath"] = tokenKey,
            // Only the sweep that follows a revocation through the service: the test sees its effect at once.
            ["KeyGrants:SweepInterval"] = "00:00:00",
            // The network's regulator is Org3 (no peer of its own).
            ["Emergency:RegulatorMspId"] = "Org3MSP",
        };
        if (network.Tls)
        {
            settings["Fabric:TlsRootCertificatePath"] = network.PeerTlsCa(peer);
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }

            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        });
        return new OrganizationService(factory, tokens, key);
    }

    /// <summary>A client authenticated as <paramref name="subject"/> in <paramref name="role"/>; null subject: anonymous.</summary>
    public HttpClient Client(string? subject, string role = "doctor")
    {
        var client = _factory.CreateClient();
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens.Create(subject, role));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Key.Dispose();
    }
}
