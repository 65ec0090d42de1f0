namespace MedChain.Contracts.Prescriptions;

/// <summary>One committed write of a prescription (GetHistoryForKey): the state after that transaction.</summary>
public sealed record PrescriptionHistoryEntry
{
    public required string TxId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required bool IsDelete { get; init; }

    /// <summary>The prescription as written by that transaction (null for a delete).</summary>
    public Prescription? Value { get; init; }
}
