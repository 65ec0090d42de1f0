namespace MedChain.OffchainStore.Tests.Infrastructure;

/// <summary>
/// Samples the live managed heap (after a full collection, so garbage doesn't count) until disposed, keeping the
/// peak above the level at start: how much an operation holds at once, not how much it allocates.
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public PeakMemory(TimeSpan interval) => _sampler = SampleAsync(interval);

    /// <summary>Peak live bytes above the baseline seen so far.</summary>
    public long PeakAboveBaseline => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        while (!_stop.IsCancellationRequested)
        {
            var live = GC.GetTotalMemory(forceFullCollection: true);
            if (live > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, live);
            }

            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
