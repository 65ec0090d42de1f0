using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway;

/// <summary>Readiness: the ledger <c>Ledger:Mode</c> selected answers within the probe's time.</summary>
internal sealed class LedgerHealthCheck(IChaincodeLedger ledger) : IHealthCheck
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        return await ledger.IsReachableAsync(timeout.Token).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The ledger is not reachable.");
    }
}

/// <summary>Readiness: blob storage answers for the records container.</summary>
internal sealed class StorageHealthCheck(Azure.Storage.Blobs.BlobServiceClient blobs, IOptions<StorageOptions> storage) : IHealthCheck
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var exists = await blobs.GetBlobContainerClient(storage.Value.RecordsContainer).ExistsAsync(timeout.Token).ConfigureAwait(false);
            return exists.Value ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The records container does not exist.");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Blob storage is not reachable.", e);
        }
    }
}
