namespace MedChain.Contracts.Prescriptions;

/// <summary>The private part of a prescription (collection <c>hospitalPharmacy</c>): what, how, how much, and the client's salt.</summary>
public sealed record PrescriptionContent
{
    public required Medication Medication { get; init; }

    public required Dosage Dosage { get; init; }

    public required Quantity Quantity { get; init; }

    /// <summary>Base64 of the client's random salt (transient <c>salt</c>), so the on-chain hash of this value cannot be confirmed by guessing.</summary>
    public string? Salt { get; init; }
}
