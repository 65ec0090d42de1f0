namespace MedChain.Contracts.Prescriptions;

/// <summary>The medication as a FHIR Coding (e.g. RxNorm, ATC or SNOMED CT).</summary>
public sealed record Medication
{
    /// <summary>The code system URI (e.g. <c>http://www.nlm.nih.gov/research/umls/rxnorm</c>).</summary>
    public required string System { get; init; }

    public required string Code { get; init; }

    /// <summary>The code's display text (the product name, not patient data).</summary>
    public required string Display { get; init; }
}
