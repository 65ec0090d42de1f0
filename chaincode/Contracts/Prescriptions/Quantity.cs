namespace MedChain.Contracts.Prescriptions;

/// <summary>A FHIR SimpleQuantity: value and unit (e.g. 30 tablets).</summary>
public sealed record Quantity
{
    public required decimal Value { get; init; }

    public required string Unit { get; init; }
}
