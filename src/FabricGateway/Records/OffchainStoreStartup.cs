using MedChain.OffchainStore;

namespace MedChain.FabricGateway.Records;

/// <summary>
/// Makes the record store ready when the host starts: a storage account that keeps deleted blobs recoverable
/// (soft delete, versioning) stops the service here, unless Storage:AllowRecoverableDeletes accepts it.
/// </summary>
internal sealed class OffchainStoreStartup(OffchainRecordStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
