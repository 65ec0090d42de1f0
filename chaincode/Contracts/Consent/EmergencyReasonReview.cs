using MedChain.Contracts.Common;

namespace MedChain.Contracts.Consent;

/// <summary>A committed read of a break-glass reason: which access, its reason document (id and hash), who read it and when.</summary>
public sealed record EmergencyReasonReview
{
    /// <summary>The emergency access (its access-log entry id).</summary>
    public required string EntryId { get; init; }

    public required string PatientId { get; init; }

    public required string RecordId { get; init; }

    /// <summary>The doctor who broke the glass.</summary>
    public required Party Requester { get; init; }

    public required DateTimeOffset AccessedAt { get; init; }

    public required EmergencyReason ReasonCode { get; init; }

    /// <summary>The off-chain id of the encrypted reason document.</summary>
    public required string ReasonDocumentId { get; init; }

    /// <summary>The SHA-256 the document's ciphertext must have.</summary>
    public required string ReasonDocumentSha256 { get; init; }

    /// <summary>Who read the reason.</summary>
    public required Party Reviewer { get; init; }

    public required DateTimeOffset ReviewedAt { get; init; }

    /// <summary>The review's transaction id.</summary>
    public required string ReviewTxId { get; init; }
}
