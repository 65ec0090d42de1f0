namespace MedChain.Contracts.Consent;

/// <summary>
/// The answer of CheckAccess / EmergencyAccess; the full entry is on the access log. An endorsed answer
/// is only a proposal: nothing may be released on it until the transaction that logged it committed VALID.
/// </summary>
public sealed record AccessCheckResult
{
    public required bool Allowed { get; init; }

    /// <summary>See <see cref="AccessLogEntry.Reason"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The consent that allowed the access, if any.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The access-log entry written (the transaction id).</summary>
    public required string EntryId { get; init; }

    /// <summary>The record's patient, so the caller can fetch the blob's details next; null when denied (a denial reveals no patient data).</summary>
    public string? PatientId { get; init; }
}
