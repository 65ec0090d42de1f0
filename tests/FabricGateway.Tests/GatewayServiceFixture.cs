using System.Security.Cryptography.X509Certificates;
using MedChain.Contracts;
using MedChain.FabricTestPeer;
using MedChain.GatewayTestSupport;
using MedChain.OffchainStore.Keys;
using MedChain.Shim.Testing;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// The service as a hospital runs it, with real dependencies: Azurite for blobs and an in-test Fabric
/// peer (gateway.proto over gRPC) running the MedChain chaincode on an in-memory ledger. Only
/// configuration is overridden, and the clock: the services stamp their proposals with <see cref="Clock"/>,
/// and the peer's chaincode bounds those timestamps against the same clock, as endorsers do against theirs.
/// </summary>
public sealed class GatewayServiceFixture : IAsyncLifetime
{
    public const string Hospital = "Org1MSP";
    public const string Pharmacy = "Org2MSP";
    public const string Regulator = "RegulatorMSP";

    /// <summary>A second hospital, running its own service (<see cref="HospitalBFactory"/>) on the same ledger and storage.</summary>
    public const string HospitalB = "Org3MSP";
    public const string Registry =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"hospital"},{"mspId":"RegulatorMSP","kind":"regulator"}]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-gateway-tests-").FullName;
    private AzuriteProcess? _azurite;
    private ChaincodeGatewayPeer? _peer;
    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<Program>? _factoryB;
    private WebApplicationFactory<Program>? _pharmacyFactory;
    private WebApplicationFactory<Program>? _regulatorFactory;

    /// <summary>The time of every service and of the endorsing chaincode: the system clock, shifted by tests that need time to pass.</summary>
    public ShiftedClock Clock { get; } = new();

    public TestIdentity HospitalService { get; } = TestIdentity.Create(Hospital, "gateway", Attributes("service"));

    public TestIdentity RegulatorService { get; } = TestIdentity.Create(Regulator, "regsvc", Attributes("service"));

    /// <summary>The hospital's record encryption key pair (what the service is configured with).</summary>
    public OrgKeyPair HospitalKey { get; } = OrgKeyPair.Generate();

    /// <summary>The pharmacy's key pair: its public half is in the service's key folder.</summary>
    public OrgKeyPair PharmacyKey { get; } = OrgKeyPair.Generate();

    /// <summary>Hospital B's record encryption key pair: its public half is in the hospital's key folder.</summary>
    public OrgKeyPair HospitalBKey { get; } = OrgKeyPair.Generate();

    /// <summary>The regulator's key pair: its public half is in every service's key folder (break-glass reason documents).</summary>
    public OrgKeyPair RegulatorKey { get; } = OrgKeyPair.Generate();

    /// <summary>The pharmacy's Fabric CA.</summary>
    public TestCertificates PharmacyCa { get; } = TestCertificates.Create("Org2 CA");

    /// <summary>The regulator's Fabric CA.</summary>
    public TestCertificates RegulatorCa { get; } = TestCertificates.Create("Regulator CA");

    /// <summary>The hospital's Fabric CA: the service enrols each caller with its key; the peer admits what it issues.</summary>
    public TestCertificates HospitalCa { get; } = TestCertificates.Create("Org1 CA");

    /// <summary>Hospital B's Fabric CA.</summary>
    public TestCertificates HospitalBCa { get; } = TestCertificates.Create("Org3 CA");

    /// <summary>The identity provider whose tokens the service trusts.</summary>
    public TestTokens Tokens { get; } = new();

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public ChaincodeGatewayPeer Peer => _peer ?? throw new InvalidOperationException("Not started.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    /// <summary>Hospital B's service: its own MSP, CA, encryption key and identity store; the same peer and storage account.</summary>
    public WebApplicationFactory<Program> HospitalBFactory => _factoryB ?? throw new InvalidOperationException("Not started.");

    /// <summary>The pharmacy's service (Org2): its own MSP, CA, encryption key and identity store.</summary>
    public WebApplicationFactory<Program> PharmacyFactory => _pharmacyFactory ?? throw new InvalidOperationException("Not started.");

    /// <summary>The regulator's service: its own MSP, CA, encryption key and identity store.</summary>
    public WebApplicationFactory<Program> RegulatorFactory => _regulatorFactory ?? throw new InvalidOperationException("Not started.");

    /// <summary>The configuration the service runs with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>A service configured like <see cref="Factory"/> but with <paramref name="settings"/> overriding it.</summary>
    public WebApplicationFactory<Program> WithSettings(IReadOnlyDictionary<string, string?> settings) =>
        Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A client of <paramref name="factory"/> (default: <see cref="Factory"/>) authenticated as a doctor of the hospital (the token provider is shared).</summary>
    public HttpClient CreateClient(WebApplicationFactory<Program>? factory = null, string subject = "dr-house", string role = "doctor")
    {
        var client = (factory ?? Factory).CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Tokens.Create(subject, role));
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(TestContext.Current.CancellationToken);
        _peer = await ChaincodeGatewayPeer.StartAsync(
            MedChainChaincode.Create(TestClientIdentity.FromStub, options: new MedChainOptions { TimeProvider = Clock }), "medchain", Hospital, [HospitalService, RegulatorService]);
        _peer.AdmitIssuedBy(Hospital, HospitalCa.Authority);

        // The chaincode definition's collection (network/config/collections/medchain.json), with this world's
        // hospitals and pharmacy as members: clinical content goes there, and the peer enforces membership.
        _peer.Ledger.DefineCollection("medchain", new CollectionDefinition("hospitalPharmacy", [Hospital, Pharmacy, HospitalB])
        {
            MemberOnlyRead = true,
            MemberOnlyWrite = true,
            RequiredPeerCount = 1,
        });
        _peer.AdmitIssuedBy(HospitalB, HospitalBCa.Authority);
        _peer.AdmitIssuedBy(Pharmacy, PharmacyCa.Authority);
        _peer.AdmitIssuedBy(Regulator, RegulatorCa.Authority);
        var bootstrap = await _peer.Tester.InvokeAsync(
            MedChainChaincode.Create(TestClientIdentity.FromStub), ["Admin:InitRegistry", Registry], RegulatorService, Clock.GetUtcNow(), new TransactionOptions { IsInit = true }, TestContext.Current.CancellationToken);
        if (!bootstrap.IsValid)
        {
            throw new InvalidOperationException($"Registry bootstrap failed: {bootstrap.Response.Message}");
        }

        var encryptionKey = Write("hospital-encryption-key.pem", HospitalKey.ExportPkcs8Pem());
        var (caCertificate, caKey) = TestCertificates.WritePemFiles(HospitalCa.Authority, _directory, "org1-ca");
        var tokenKey = Write("token-signing-key.pem", Tokens.PublicKeyPem);
        var organizations = Directory.CreateDirectory(Path.Combine(_directory, "orgs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(organizations, $"{Pharmacy}.pem"), PharmacyKey.PublicKey.ExportPem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(organizations, $"{HospitalB}.pem"), HospitalBKey.PublicKey.ExportPem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(organizations, $"{Regulator}.pem"), RegulatorKey.PublicKey.ExportPem(), TestContext.Current.CancellationToken);
        var encryptionKeyB = Write("hospital-b-encryption-key.pem", HospitalBKey.ExportPkcs8Pem());
        var (caCertificateB, caKeyB) = TestCertificates.WritePemFiles(HospitalBCa.Authority, _directory, "org3-ca");

        Settings = new Dictionary<string, string?>
        {
            ["Fabric:Endpoint"] = Peer.Address,
            ["Fabric:MspId"] = Hospital,
            ["Fabric:Channel"] = ChaincodeGatewayPeer.ChannelName,
            ["Fabric:Chaincode"] = "medchain",

            // Functional tests are not about deadlines; a loaded CI machine must not fail them.
            ["Fabric:EvaluateTimeout"] = "00:02:00",
            ["Fabric:EndorseTimeout"] = "00:02:00",
            ["Fabric:SubmitTimeout"] = "00:02:00",
            ["Fabric:CommitStatusTimeout"] = "00:02:00",
            ["Storage:ServiceUri"] = Azurite.BlobEndpoint.ToString(),
            ["Storage:AccountName"] = AzuriteProcess.AccountName,
            ["Storage:AccountKey"] = AzuriteProcess.AccountKey,
            ["Encryption:PrivateKeyPath"] = encryptionKey,
            ["Encryption:OrganizationKeysPath"] = organizations,
            ["Enrollment:Mode"] = "CertificateAuthorityKey",
            ["Enrollment:CaCertificatePath"] = caCertificate,
            ["Enrollment:CaPrivateKeyPath"] = caKey,
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "data-protection-keys"),
            ["PendingWork:Directory"] = Path.Combine(_directory, "pending-work"),
            ["Authentication:Issuer"] = TestTokens.Issuer,
            ["Authentication:Audience"] = TestTokens.Audience,
            ["Authentication:IssuerSigningKeyPath"] = tokenKey,
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (name, value) in Settings)
            {
                builder.UseSetting(name, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _factoryB = WithSettings(new Dictionary<string, string?>
        {
            ["Fabric:MspId"] = HospitalB,
            ["Encryption:PrivateKeyPath"] = encryptionKeyB,
            ["Enrollment:CaCertificatePath"] = caCertificateB,
            ["Enrollment:CaPrivateKeyPath"] = caKeyB,
            ["Enrollment:IdentitiesContainer"] = "medchain-identities-org3",
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "data-protection-keys-org3"),
            ["PendingWork:Directory"] = Path.Combine(_directory, "pending-work-org3"),
        });
        _pharmacyFactory = OrganizationFactory(Pharmacy, "org2", PharmacyKey, PharmacyCa);
        _regulatorFactory = OrganizationFactory(Regulator, "regulator", RegulatorKey, RegulatorCa);
    }

    /// <summary>Another organization's service on the same peer and storage: its MSP, CA, encryption key, identity store.</summary>
    private WebApplicationFactory<Program> OrganizationFactory(string mspId, string name, OrgKeyPair key, TestCertificates ca)
    {
        var encryptionKey = Write($"{name}-encryption-key.pem", key.ExportPkcs8Pem());
        var (caCertificate, caKey) = TestCertificates.WritePemFiles(ca.Authority, _directory, $"{name}-ca");
        return WithSettings(new Dictionary<string, string?>
        {
            ["Fabric:MspId"] = mspId,
            ["Encryption:PrivateKeyPath"] = encryptionKey,
            ["Enrollment:CaCertificatePath"] = caCertificate,
            ["Enrollment:CaPrivateKeyPath"] = caKey,
            ["Enrollment:IdentitiesContainer"] = $"medchain-identities-{name}",
            ["DataProtection:KeysPath"] = Path.Combine(_directory, $"data-protection-keys-{name}"),
            ["PendingWork:Directory"] = Path.Combine(_directory, $"pending-work-{name}"),
        });
    }

    /// <summary>Enrols <paramref name="patientId"/> at the hospital (<c>Patient:Enroll</c> by its service), so they can act as themself.</summary>
    public async Task EnrollPatientAsync(string patientId)
    {
        var enrolled = await Peer.Tester.InvokeAsync(
            MedChainChaincode.Create(TestClientIdentity.FromStub), ["Patient:Enroll", patientId], HospitalService, Clock.GetUtcNow(), cancellationToken: TestContext.Current.CancellationToken);
        if (!enrolled.IsValid)
        {
            throw new InvalidOperationException($"Enrolling {patientId} failed: {enrolled.Response.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_factoryB is not null)
        {
            await _factoryB.DisposeAsync();
        }

        if (_pharmacyFactory is not null)
        {
            await _pharmacyFactory.DisposeAsync();
        }

        if (_regulatorFactory is not null)
        {
            await _regulatorFactory.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Tokens.Dispose();
        HospitalCa.Dispose();
        HospitalBCa.Dispose();
        PharmacyCa.Dispose();
        RegulatorCa.Dispose();
        RegulatorKey.Dispose();
        HospitalBKey.Dispose();
        HospitalService.Dispose();
        RegulatorService.Dispose();
        HospitalKey.Dispose();
        PharmacyKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Dictionary<string, string> Attributes(string role) => new(StringComparer.Ordinal) { ["medchain.role"] = role };
}
