using MedChain.Contracts.Common;

namespace MedChain.Contracts.Consent;

/// <summary>One read of a record (or an attempt), on its own key: who, which record, when, outcome (no record type or purpose: content, issue #11).</summary>
public sealed record AccessLogEntry
{
    /// <summary>The transaction id of the check.</summary>
    public required string EntryId { get; init; }

    public required string PatientId { get; init; }

    public required string RecordId { get; init; }

    public required Party Requester { get; init; }

    /// <summary>The transaction time.</summary>
    public required DateTimeOffset Time { get; init; }

    public required AccessDecision Decision { get; init; }

    /// <summary>Why: <c>patient</c>, <c>delegate</c>, <c>custodian</c>, <c>consent</c>, <c>emergency</c>, <c>no-consent</c>, <c>record-erased</c> or <c>emergency-limit</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The consent that allowed it, if any.</summary>
    public string? ConsentId { get; init; }

    /// <summary>True for break-glass access.</summary>
    public bool Emergency { get; init; }

    /// <summary>The coded reason of a break-glass access.</summary>
    public EmergencyReason? EmergencyReasonCode { get; init; }

    /// <summary>
    /// SHA-256 (lowercase hex) of the encrypted document holding the doctor's own words for a break-glass
    /// access (off chain, readable by the doctor's organization and the regulator); the text never reaches the chain.
    /// </summary>
    public string? EmergencyReasonDocumentSha256 { get; init; }

    /// <summary>
    /// The off-chain id of that document (an opaque id, not content), so the chain names what a review releases; the
    /// reviewer's service checks the fetched document against <see cref="EmergencyReasonDocumentSha256"/>.
    /// </summary>
    public string? EmergencyReasonDocumentId { get; init; }
}
