using MedChain.Contracts.Common;

namespace MedChain.Contracts.Patients;

/// <summary>
/// The organization that enrolled a patient: the only MSP whose certificates may act as that patient
/// (any organization's CA can issue a certificate carrying any <c>medchain.id</c>).
/// </summary>
public sealed record PatientEnrollment
{
    public required string PatientId { get; init; }

    /// <summary>The enrolling organization.</summary>
    public required string MspId { get; init; }

    /// <summary>The staff member or service account that enrolled (or took over) the patient.</summary>
    public required Party EnrolledBy { get; init; }

    public required DateTimeOffset EnrolledAt { get; init; }

    /// <summary>The previous organization, when the patient was transferred here.</summary>
    public string? TransferredFrom { get; init; }
}
