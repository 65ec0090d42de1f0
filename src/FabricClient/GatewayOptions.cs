using Microsoft.Extensions.Logging;

namespace MedChain.FabricClient;

/// <summary>Settings of a <see cref="Gateway"/>. Defaults are those of Fabric's Gateway samples.</summary>
public sealed class GatewayOptions
{
    /// <summary>Deadline of an Evaluate call. Default 5 seconds. Null: no deadline.</summary>
    public TimeSpan? EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of an Endorse call. Default 15 seconds. Null: no deadline.</summary>
    public TimeSpan? EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline of a Submit call. Default 5 seconds. Null: no deadline.</summary>
    public TimeSpan? SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of a CommitStatus call, which waits for the block. Default 1 minute. Null: no deadline.</summary>
    public TimeSpan? CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The digest function for signatures. Default SHA-256 (<see cref="Hashes.Sha256"/>).</summary>
    public IHash Hash { get; set; } = Hashes.Sha256;

    /// <summary>
    /// The clock that stamps proposals (the transaction timestamp every endorser sees and bounds against its own
    /// clock). Default the system clock; replaceable so tests control time on both sides.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs. Null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> if a setting is out of range.</summary>
    public void Validate()
    {
        Positive(EvaluateTimeout, nameof(EvaluateTimeout));
        Positive(EndorseTimeout, nameof(EndorseTimeout));
        Positive(SubmitTimeout, nameof(SubmitTimeout));
        Positive(CommitStatusTimeout, nameof(CommitStatusTimeout));
        if (TimeProvider is null)
        {
            throw new ArgumentException($"{nameof(GatewayOptions)}.{nameof(TimeProvider)} must be set.", nameof(TimeProvider));
        }

        if (Hash is null)
        {
            throw new ArgumentException($"{nameof(GatewayOptions)}.{nameof(Hash)} must be set.", nameof(Hash));
        }
    }

    private static void Positive(TimeSpan? value, string name)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(GatewayOptions)}.{name} must be positive or null; it is {v}.", name);
        }
    }
}
