using System.Globalization;

namespace MedChain.Contracts;

/// <summary>Settings of the MedChain chaincode that come from its server, not from the ledger.</summary>
public sealed class MedChainOptions
{
    /// <summary>Environment variable of the chaincode server holding <see cref="MaxClockSkew"/> (seconds, or a time span such as <c>00:05:00</c>).</summary>
    public const string MaxClockSkewVariable = "MEDCHAIN_MAX_CLOCK_SKEW";

    /// <summary>Default <see cref="MaxClockSkew"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Largest <see cref="MaxClockSkew"/> accepted: a day (beyond that the bound means little).</summary>
    public static readonly TimeSpan LargestMaxClockSkew = TimeSpan.FromDays(1);

    /// <summary>
    /// The endorser's clock: read only to bound the submitter-chosen transaction timestamp, never to
    /// decide anything written. Replaceable so tests control it.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How far a proposal's timestamp may be from the endorser's clock, either way.</summary>
    public TimeSpan MaxClockSkew { get; init; } = DefaultMaxClockSkew;

    /// <summary>Options from the chaincode server's environment (<see cref="MaxClockSkewVariable"/>).</summary>
    /// <exception cref="InvalidOperationException">The variable is set but not a skew between 1 second and a day.</exception>
    public static MedChainOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var text = getVariable(MaxClockSkewVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new MedChainOptions();
        }

        TimeSpan skew;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            skew = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out skew))
        {
            throw new InvalidOperationException($"{MaxClockSkewVariable} '{text}' is neither a number of seconds nor a time span (hh:mm:ss).");
        }

        return skew >= TimeSpan.FromSeconds(1) && skew <= LargestMaxClockSkew
            ? new MedChainOptions { MaxClockSkew = skew }
            : throw new InvalidOperationException($"{MaxClockSkewVariable} must be between 1 second and {LargestMaxClockSkew:c}, not '{text}'.");
    }
}
