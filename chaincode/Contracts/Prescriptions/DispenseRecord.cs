using MedChain.Contracts.Common;

namespace MedChain.Contracts.Prescriptions;

/// <summary>One fill (FHIR MedicationDispense in brief). The full list is the prescription key's history.</summary>
public sealed record DispenseRecord
{
    /// <summary>1 for the first fill.</summary>
    public required int Sequence { get; init; }

    /// <summary>The pharmacist and pharmacy.</summary>
    public required Party Pharmacist { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string TxId { get; init; }
}
