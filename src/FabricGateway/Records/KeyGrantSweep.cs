using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>Runs <see cref="KeyGrantService.SweepAsync"/>, then <see cref="PendingWorkReconciler.RunAsync"/>, every <see cref="KeyGrantOptions.SweepInterval"/> (expired consents, revocations made elsewhere).</summary>
internal sealed class KeyGrantSweep(KeyGrantService grants, PendingWorkReconciler pending, IOptions<KeyGrantOptions> options, ILogger<KeyGrantSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SweepInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grants.SweepAsync(stoppingToken).ConfigureAwait(false);
                await pending.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The ledger or storage may be away for a while: the next tick tries again.
                GatewayLog.KeyGrantSweepFailed(logger, e);
            }
        }
    }
}
