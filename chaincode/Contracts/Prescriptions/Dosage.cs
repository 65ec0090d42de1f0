namespace MedChain.Contracts.Prescriptions;

/// <summary>A FHIR Dosage reduced to text plus an optional structured dose and timing.</summary>
public sealed record Dosage
{
    /// <summary>Instructions as text (bounded; no patient data).</summary>
    public required string Text { get; init; }

    /// <summary>Amount per administration.</summary>
    public Quantity? DoseQuantity { get; init; }

    /// <summary>Administrations per <see cref="Period"/> <see cref="PeriodUnit"/> (Timing.repeat.frequency).</summary>
    public int? Frequency { get; init; }

    public decimal? Period { get; init; }

    public UnitsOfTime? PeriodUnit { get; init; }
}
