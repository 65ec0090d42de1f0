using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions;

/// <summary>The medication as a FHIR Coding (e.g. RxNorm, ATC or SNOMED CT).</summary>
public sealed record Medication
{
    /// <summary>The code system URI (e.g. <c>http://www.nlm.nih.gov/research/umls/rxnorm</c>).</summary>
    [JsonRequired]
    [AbsoluteUri(256)]
    public required string System { get; init; }

    /// <summary>The code in that system.</summary>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 64, Pattern = Formats.FhirCodePattern, Description = Formats.FhirCodeDescription)]
    public required string Code { get; init; }

    /// <summary>The code's display text (the product name, not patient data).</summary>
    [JsonRequired]
    [FreeText(200)]
    public required string Display { get; init; }
}
