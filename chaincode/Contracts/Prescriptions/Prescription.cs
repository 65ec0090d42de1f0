using MedChain.Contracts.Common;

namespace MedChain.Contracts.Prescriptions;

/// <summary>
/// An e-prescription (FHIR MedicationRequest). Its dispense count lives on this key so that two
/// dispenses racing for the same fill both read and write it and MVCC validation rejects one.
/// The shared ledger holds it without <see cref="Medication"/>, <see cref="Dosage"/> and
/// <see cref="Quantity"/> (content, issue #11: private collection); reads return them to the parties.
/// </summary>
public sealed record Prescription
{
    /// <summary><c>rx-</c> + the issuing transaction's id.</summary>
    public required string PrescriptionId { get; init; }

    public required string PatientId { get; init; }

    /// <summary>The issuing doctor (requester).</summary>
    public required Party Prescriber { get; init; }

    /// <summary>What is prescribed (private content; null on the shared ledger, in submitted responses and for the regulator).</summary>
    public Medication? Medication { get; init; }

    /// <summary>How to take it (private content).</summary>
    public Dosage? Dosage { get; init; }

    /// <summary>Amount per fill (dispenseRequest.quantity; private content).</summary>
    public Quantity? Quantity { get; init; }

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

    /// <summary>The prescription as the shared ledger holds it: no content.</summary>
    public Prescription Public() => this with { Medication = null, Dosage = null, Quantity = null };

    /// <summary>The prescription with its private content.</summary>
    public Prescription With(PrescriptionContent content) => this with { Medication = content.Medication, Dosage = content.Dosage, Quantity = content.Quantity };
}
