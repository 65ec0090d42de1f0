namespace MedChain.Contracts.Consent;

/// <summary>A person the patient lets grant and revoke consents on their behalf (e.g. a guardian).</summary>
public sealed record Delegation
{
    public required string PatientId { get; init; }

    /// <summary>The delegate's organization.</summary>
    public required string MspId { get; init; }

    /// <summary>The delegate's <c>medchain.id</c> in that organization.</summary>
    public required string PersonId { get; init; }

    public required DateTimeOffset AddedAt { get; init; }
}
