using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.Demo;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// `make demo`'s story (MedChain.Demo) against three organizations' in-process services, as the demo story tests run
/// it on either ledger: a client per service, the fixture's tokens, tampering by a direct blob write (the attack the
/// story detects), and a transcript that failures quote.
/// </summary>
internal sealed class DemoStoryRun : IDisposable
{
    private readonly Dictionary<DemoOrg, HttpClient> _clients;
    private readonly DemoTargets _targets;

    public DemoStoryRun(GatewayServiceFixture fixture, IReadOnlyDictionary<DemoOrg, (WebApplicationFactory<Program> Factory, string MspId)> services)
    {
        _clients = services.ToDictionary(s => s.Key, s => s.Value.Factory.CreateClient());
        var blobs = new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));
        _targets = new DemoTargets(
            org => _clients[org],
            user => fixture.Tokens.Create(user.Name, user.Role),
            org => services[org].MspId,
            (recordId, ct) => BlobTamperer.TamperAsync(blobs, "medchain-records", recordId, ct));
    }

    /// <summary>Everything the story printed so far.</summary>
    public StringWriter Transcript { get; } = new();

    /// <summary>Tells the story once; the test fails (quoting the transcript) at the first answer that differs, or unless all eight steps were told.</summary>
    public async Task<IReadOnlyList<DemoStep>> TellAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DemoStep> steps = [];
        try
        {
            steps = await new DemoStory(_targets, Transcript).RunAsync(cancellationToken);
        }
        catch (DemoFailedException e)
        {
            Assert.Fail($"{e.Message}\n{Transcript}");
        }

        Assert.Equal(8, steps.Count);
        return steps;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        Transcript.Dispose();
    }
}
