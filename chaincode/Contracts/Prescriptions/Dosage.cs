using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions;

/// <summary>A FHIR Dosage reduced to text plus an optional structured dose and timing.</summary>
public sealed record Dosage
{
    /// <summary>Instructions as text (bounded; no patient data).</summary>
    [JsonRequired]
    [FreeText(500)]
    public required string Text { get; init; }

    /// <summary>Amount per administration.</summary>
    public Quantity? DoseQuantity { get; init; }

    /// <summary>Administrations per <see cref="Period"/> <see cref="PeriodUnit"/> (Timing.repeat.frequency).</summary>
    [Schema(Minimum = 1, Maximum = 100)]
    public int? Frequency { get; init; }

    /// <summary>The length of the period (Timing.repeat.period).</summary>
    [Schema(ExclusiveMinimum = 0, Maximum = 1000)]
    public decimal? Period { get; init; }

    /// <summary>The unit of the period (Timing.repeat.periodUnit).</summary>
    public UnitsOfTime? PeriodUnit { get; init; }
}
