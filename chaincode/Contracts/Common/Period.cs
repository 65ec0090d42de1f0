namespace MedChain.Contracts.Common;

/// <summary>A validity period (FHIR Period): both ends inclusive, in UTC.</summary>
public sealed record Period
{
    /// <summary>The first instant of validity.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The last instant of validity.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>True when <paramref name="time"/> lies within the period.</summary>
    public bool Contains(DateTimeOffset time) => Start <= time && time <= End;
}
