using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Prescriptions;

/// <summary>
/// A prescription as requested by <c>Prescription:Issue</c> (a reduced FHIR MedicationRequest):
/// <c>{"patientId","medication":{"system","code","display"},"dosage":{"text","doseQuantity"?,"frequency"?,
/// "period"?,"periodUnit"?},"quantity":{"value","unit"},"numberOfRepeatsAllowed"?,"validityPeriod":{"start"?,"end"},
/// "designatedPharmacyMspId"?}</c>.
/// </summary>
public sealed record IssueRequest
{
    /// <summary>Most repeats a prescription allows.</summary>
    public const int MaxRepeats = 99;

    /// <summary>The patient.</summary>
    [JsonRequired]
    [Id(IdKind.Patient)]
    public required string PatientId { get; init; }

    /// <summary>What is prescribed.</summary>
    [JsonRequired]
    public required Medication Medication { get; init; }

    /// <summary>How to take it.</summary>
    [JsonRequired]
    public required Dosage Dosage { get; init; }

    /// <summary>How much per fill.</summary>
    [JsonRequired]
    public required Quantity Quantity { get; init; }

    /// <summary>Fills after the first; null: none.</summary>
    [Schema(Minimum = 0, Maximum = MaxRepeats)]
    public int? NumberOfRepeatsAllowed { get; init; }

    /// <summary>When it may be dispensed.</summary>
    [JsonRequired]
    public required RequestedPeriod ValidityPeriod { get; init; }

    /// <summary>The only pharmacy that may dispense it; null: any pharmacy the patient gives the dispensing code to.</summary>
    [Id(IdKind.Msp)]
    public string? DesignatedPharmacyMspId { get; init; }
}
