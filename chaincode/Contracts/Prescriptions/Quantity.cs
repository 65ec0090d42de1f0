using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions;

/// <summary>A FHIR SimpleQuantity: value and unit (e.g. 30 tablets).</summary>
public sealed record Quantity
{
    /// <summary>Most of anything one prescription or dose names.</summary>
    public const double MaxValue = 100_000;

    /// <summary>The amount.</summary>
    [JsonRequired]
    [Schema(ExclusiveMinimum = 0, Maximum = MaxValue)]
    public required decimal Value { get; init; }

    /// <summary>The unit (e.g. <c>tablet</c>, <c>mg</c>).</summary>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 32, Pattern = Formats.FhirCodePattern, Description = Formats.FhirUnitDescription)]
    public required string Unit { get; init; }
}
