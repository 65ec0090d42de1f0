using MedChain.Contracts.Common;

namespace MedChain.Contracts.Patients;

/// <summary>A patient's move to another organization: approved by the patient, completed by the new organization.</summary>
public sealed record PatientTransfer
{
    public required string PatientId { get; init; }

    public required string FromMspId { get; init; }

    public required string ToMspId { get; init; }

    /// <summary>The patient, acting from the organization they were enrolled at.</summary>
    public required Party ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    /// <summary>Who completed it at the new organization (null while pending).</summary>
    public Party? CompletedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
