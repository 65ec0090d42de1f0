namespace MedChain.GatewayTestSupport;

/// <summary>
/// The system clock moved by an offset the test sets: time still runs (timers, timestamps), but a test can jump ahead
/// (past a prescription's validity) or back (a proposal dated within the endorsers' clock skew) without waiting.
/// Give the same instance to the service (its proposals' timestamps) and to the endorsing chaincode (its skew bound).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this clock is from the system clock.</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Offset += delta;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
