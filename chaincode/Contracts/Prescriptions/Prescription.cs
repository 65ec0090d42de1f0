using MedChain.Contracts.Common;

namespace MedChain.Contracts.Prescriptions;

/// <summary>
/// An e-prescription (FHIR MedicationRequest). Its dispense count lives on this key so that two
/// dispenses racing for the same fill both read and write it and MVCC validation rejects one.
/// </summary>
public sealed record Prescription
{
    /// <summary><c>rx-</c> + the issuing transaction's id.</summary>
    public required string PrescriptionId { get; init; }

    public required string PatientId { get; init; }

    /// <summary>The issuing doctor (requester).</summary>
    public required Party Prescriber { get; init; }

    public required Medication Medication { get; init; }

    public required Dosage Dosage { get; init; }

    /// <summary>Amount per fill (dispenseRequest.quantity).</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>Refills after the first fill (dispenseRequest.numberOfRepeatsAllowed).</summary>
    public required int NumberOfRepeatsAllowed { get; init; }

    /// <summary>When fills are allowed (dispenseRequest.validityPeriod), judged by transaction time.</summary>
    public required Period ValidityPeriod { get; init; }

    /// <summary>The only pharmacy organization that may dispense (dispenseRequest.performer); null: any.</summary>
    public string? DesignatedPharmacyMspId { get; init; }

    public required MedicationRequestStatus Status { get; init; }

    public required DateTimeOffset AuthoredOn { get; init; }

    /// <summary>Fills so far.</summary>
    public required int DispenseCount { get; init; }

    /// <summary>The latest fill.</summary>
    public DispenseRecord? LastDispense { get; init; }

    /// <summary>Who cancelled or stopped it.</summary>
    public Party? StatusChangedBy { get; init; }

    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>Fills allowed in total: the first plus the repeats.</summary>
    public int MaxDispenses => 1 + NumberOfRepeatsAllowed;
}
