using MedChain.Demo;
using MedChain.EmbeddedLedger.Server;
using MedChain.OffchainStore.Keys;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// `make demo`'s story as `make run` sets it up without Fabric: the embedded ledger server (src/EmbeddedLedger.Server,
/// here in this process on a free port) stands in for the peer, and the hospital's, the pharmacy's and the
/// regulator's services call it over gRPC as they call a Fabric peer's Gateway, each enrolling its callers from its
/// own CA, which the ledger trusts. The story checks every answer itself and stops at the first that differs.
/// </summary>
public sealed class EmbeddedDemoStoryTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-embedded-story-").FullName;

    [Fact]
    public async Task TheStory_OnTheEmbeddedLedgerServer_EveryStepAsExpected()
    {
        var token = TestContext.Current.CancellationToken;
        var registry = $$"""{"organizations":[{"mspId":"{{GatewayServiceFixture.Hospital}}","kind":"hospital"},{"mspId":"{{GatewayServiceFixture.Pharmacy}}","kind":"pharmacy"},{"mspId":"{{GatewayServiceFixture.Regulator}}","kind":"regulator"}]}""";
        var (hospitalCa, hospitalCaKey) = Pem(fixture.HospitalCa, "hospital-ca");
        var (pharmacyCa, pharmacyCaKey) = Pem(fixture.PharmacyCa, "pharmacy-ca");
        var (regulatorCa, regulatorCaKey) = Pem(fixture.RegulatorCa, "regulator-ca");
        await using var ledger = EmbeddedLedgerServerHost.Build([], new Dictionary<string, string?>
        {
            ["EmbeddedLedger:DataDirectory"] = Path.Combine(_directory, "ledger"),
            ["EmbeddedLedger:Port"] = "0",
            ["EmbeddedLedger:MspId"] = GatewayServiceFixture.Hospital,
            ["EmbeddedLedger:CaPrivateKeyPath"] = hospitalCaKey,
            [$"EmbeddedLedger:Organizations:{GatewayServiceFixture.Hospital}"] = hospitalCa,
            [$"EmbeddedLedger:Organizations:{GatewayServiceFixture.Pharmacy}"] = pharmacyCa,
            [$"EmbeddedLedger:Organizations:{GatewayServiceFixture.Regulator}"] = regulatorCa,
            ["EmbeddedLedger:Registry"] = registry,
        }, console: false);
        await ledger.StartAsync(token);
        var blockLog = new FileInfo(Path.Combine(_directory, "ledger", "blocks.log"));
        var bootstrapped = blockLog.Length;
        var endpoint = $"http://127.0.0.1:{EmbeddedLedgerServerHost.BoundPort(ledger)}";

        await using var hospital = Organization(endpoint, GatewayServiceFixture.Hospital, hospitalCa, hospitalCaKey, fixture.HospitalKey);
        await using var pharmacy = Organization(endpoint, GatewayServiceFixture.Pharmacy, pharmacyCa, pharmacyCaKey, fixture.PharmacyKey);
        await using var regulator = Organization(endpoint, GatewayServiceFixture.Regulator, regulatorCa, regulatorCaKey, fixture.RegulatorKey);
        var services = new Dictionary<DemoOrg, (WebApplicationFactory<Program> Factory, string MspId)>
        {
            [DemoOrg.Hospital] = (hospital, GatewayServiceFixture.Hospital),
            [DemoOrg.Pharmacy] = (pharmacy, GatewayServiceFixture.Pharmacy),
            [DemoOrg.Regulator] = (regulator, GatewayServiceFixture.Regulator),
        };
        try
        {
            using var run = new DemoStoryRun(fixture, services);
            await run.TellAsync(token);

            // The story's transactions are in the embedded ledger's block log (not on the fixture's in-test peer).
            blockLog.Refresh();
            Assert.True(blockLog.Length > bootstrapped, "the story committed nothing to the embedded ledger");
            TestContext.Current.TestOutputHelper?.WriteLine(run.Transcript.ToString());
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (string Certificate, string Key) Pem(TestCertificates ca, string name)
    {
        var (certificate, key) = TestCertificates.WritePemFiles(ca.Authority, _directory, name);
        return (certificate, key!);
    }

    // One organization's service, configured as make run configures it against the embedded ledger: a peer
    // endpoint in plain gRPC, its MSP, its CA (which the ledger trusts), its encryption key and stores.
    private WebApplicationFactory<Program> Organization(string endpoint, string mspId, string caCertificate, string caKey, OrgKeyPair key)
    {
        var name = mspId.ToLowerInvariant();
        var encryptionKey = Path.Combine(_directory, $"{name}-encryption-key.pem");
        File.WriteAllText(encryptionKey, key.ExportPkcs8Pem());
        return fixture.WithSettings(new Dictionary<string, string?>
        {
            ["Fabric:Endpoint"] = endpoint,
            ["Fabric:MspId"] = mspId,
            ["Encryption:PrivateKeyPath"] = encryptionKey,
            ["Enrollment:CaCertificatePath"] = caCertificate,
            ["Enrollment:CaPrivateKeyPath"] = caKey,
            ["Enrollment:IdentitiesContainer"] = $"identities-embedded-{name}",
            ["DataProtection:KeysPath"] = Path.Combine(_directory, $"data-protection-{name}"),
            ["PendingWork:Directory"] = Path.Combine(_directory, $"pending-work-{name}"),
        });
    }
}
