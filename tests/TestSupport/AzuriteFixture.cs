namespace MedChain.TestSupport;

/// <summary>
/// A shared Azurite blob service for a test collection: started once (xunit v3 <see cref="IAsyncLifetime"/>),
/// killed with its process tree on dispose. Use with <c>ICollectionFixture&lt;AzuriteFixture&gt;</c>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    /// <summary>The running instance.</summary>
    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>The Blob endpoint.</summary>
    public Uri BlobEndpoint => Azurite.BlobEndpoint;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
