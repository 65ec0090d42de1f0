namespace MedChain.Contracts.Consent;

/// <summary>The answer of CheckAccess / EmergencyAccess; the full entry is on the access log.</summary>
public sealed record AccessCheckResult
{
    public required bool Allowed { get; init; }

    /// <summary>See <see cref="AccessLogEntry.Reason"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The consent that allowed the access, if any.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The access-log entry written (the transaction id).</summary>
    public required string EntryId { get; init; }

    /// <summary>The record's patient, so the caller can fetch the blob's details next.</summary>
    public required string PatientId { get; init; }
}
