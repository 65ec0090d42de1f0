using MedChain.Demo;
using MedChain.GatewayTestSupport;
using MedChain.OffchainStore.Keys;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// `make demo`'s story (MedChain.Demo, the same code) against three organizations' services on one ledger: the
/// hospital (Org1MSP), the pharmacy (Org2MSP) and the regulator. The story checks every answer itself (refused before
/// consent, allowed after, the tampered blob not released, gone after erasure) and stops at the first that differs.
/// </summary>
public sealed class DemoStoryTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    [Fact]
    public async Task TheStory_ThroughTheHttpApiOnly_EveryStepAsExpected()
    {
        var directory = Directory.CreateTempSubdirectory("medchain-demo-story-").FullName;
        try
        {
            await RunStoryTwiceAsync(directory, TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task RunStoryTwiceAsync(string directory, CancellationToken token)
    {
        using var pharmacyCa = TestCertificates.Create("Org2 CA");
        using var regulatorCa = TestCertificates.Create("Regulator CA");
        using var regulatorKey = OrgKeyPair.Generate();
        await using var pharmacy = Organization(directory, GatewayServiceFixture.Pharmacy, pharmacyCa, fixture.PharmacyKey);
        await using var regulator = Organization(directory, GatewayServiceFixture.Regulator, regulatorCa, regulatorKey);
        var services = new Dictionary<DemoOrg, (WebApplicationFactory<Program> Factory, string MspId)>
        {
            [DemoOrg.Hospital] = (fixture.Factory, GatewayServiceFixture.Hospital),
            [DemoOrg.Pharmacy] = (pharmacy, GatewayServiceFixture.Pharmacy),
            [DemoOrg.Regulator] = (regulator, GatewayServiceFixture.Regulator),
        };
        using var run = new DemoStoryRun(fixture, services);
        var steps = await run.TellAsync(token);

        // Run again (as `make demo` twice after one `make run`): the patients are enrolled already, new records.
        var again = await run.TellAsync(token);
        Assert.Equal(steps, again);
        Assert.Contains("is enrolled at the hospital already", run.Transcript.ToString(), StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(run.Transcript.ToString());
    }

    // Another organization's service on the fixture's peer and storage: its own MSP, CA (admitted by the peer),
    // encryption key, identities and Data Protection keys.
    private WebApplicationFactory<Program> Organization(string directory, string mspId, TestCertificates ca, OrgKeyPair key)
    {
        fixture.Peer.AdmitIssuedBy(mspId, ca.Authority);
        var (caCertificate, caKey) = TestCertificates.WritePemFiles(ca.Authority, directory, $"{mspId}-ca");
        var encryptionKey = System.IO.Path.Combine(directory, $"{mspId}-encryption-key.pem");
        File.WriteAllText(encryptionKey, key.ExportPkcs8Pem());
        return fixture.WithSettings(new Dictionary<string, string?>
        {
            ["Fabric:MspId"] = mspId,
            ["Encryption:PrivateKeyPath"] = encryptionKey,
            ["Enrollment:CaCertificatePath"] = caCertificate,
            ["Enrollment:CaPrivateKeyPath"] = caKey,
            ["Enrollment:IdentitiesContainer"] = $"identities-{mspId.ToLowerInvariant()}",
            ["DataProtection:KeysPath"] = System.IO.Path.Combine(directory, $"data-protection-{mspId}"),
            ["PendingWork:Directory"] = System.IO.Path.Combine(directory, $"pending-work-{mspId}"),
        });
    }
}
