namespace MedChain.FabricGateway.Identity;

/// <summary>
/// Obtains an X.509 enrolment for a person, carrying the Fabric CA attributes <c>medchain.role</c> and
/// <c>medchain.id</c>, with a private key generated here (it never leaves the service unencrypted).
/// </summary>
public interface IEnrollmentService
{
    Task<Enrollment> EnrollAsync(Person person, CancellationToken cancellationToken);
}

/// <summary>An enrolment: the certificate and its private key (PKCS#8), both PEM. Kept in memory only until protected.</summary>
public sealed record Enrollment(string CertificatePem, string PrivateKeyPem);
