using System.Text.Json.Serialization;

namespace MedChain.Contracts.Common;

/// <summary>A period as requested: the start may be left out (then: the transaction time).</summary>
public sealed record RequestedPeriod
{
    /// <summary>The first instant of validity; null: the transaction time.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The last instant of validity: after the start and after the transaction time.</summary>
    [JsonRequired]
    public required DateTimeOffset End { get; init; }
}
