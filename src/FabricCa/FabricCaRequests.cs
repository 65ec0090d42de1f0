using System.Security.Cryptography;

namespace MedChain.FabricCa;

/// <summary>
/// An identity to register: its enrolment id, the secret it will enrol with, and attributes. Attributes marked
/// <see cref="FabricCaAttributeValue.ECert"/> go into its certificates.
/// </summary>
public sealed record FabricCaRegistration(string EnrollmentId, string Secret, IReadOnlyList<FabricCaAttributeValue> Attributes)
{
    /// <summary>The identity type (an MSP node OU). Default <c>client</c>.</summary>
    public string Type { get; init; } = "client";

    /// <summary>The affiliation; empty: the registrar's own.</summary>
    public string Affiliation { get; init; } = string.Empty;
}

/// <summary>A registered attribute; <paramref name="ECert"/>: included in enrolment certificates by default.</summary>
public sealed record FabricCaAttributeValue(string Name, string Value, bool ECert = true);

/// <summary>
/// An enrolment: basic auth with <paramref name="EnrollmentId"/> and <paramref name="Secret"/>, a CSR signed with
/// <paramref name="Key"/> (the caller keeps the key; the CA never sees it), and the attributes the certificate must
/// carry (the CA refuses the enrolment if the identity lacks one).
/// </summary>
public sealed record FabricCaEnrollmentRequest(string EnrollmentId, string Secret, ECDsa Key, IReadOnlyList<string> RequiredAttributes);

/// <summary>What the CA issued: the certificate and the CA's chain, both PEM.</summary>
public sealed record FabricCaEnrollment(string CertificatePem, string CaChainPem);
