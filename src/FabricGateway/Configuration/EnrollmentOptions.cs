using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Configuration;

/// <summary>How each caller gets a Fabric identity of their own: section "Enrollment".</summary>
public sealed class EnrollmentOptions : IValidatableObject
{
    public const string SectionName = "Enrollment";

    /// <summary>Where enrolment certificates come from. Default <see cref="EnrollmentMode.FabricCa"/>.</summary>
    public EnrollmentMode Mode { get; set; } = EnrollmentMode.FabricCa;

    /// <summary>PEM file of the organization's CA certificate (<see cref="EnrollmentMode.CertificateAuthorityKey"/>).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM (PKCS#8) file of the organization's CA private key (<see cref="EnrollmentMode.CertificateAuthorityKey"/>).</summary>
    public string? CaPrivateKeyPath { get; set; }

    /// <summary>The Fabric CA server, e.g. <c>https://ca.org1.example.com:7054</c> (<see cref="EnrollmentMode.FabricCa"/>).</summary>
    [Url]
    public string? FabricCaUrl { get; set; }

    /// <summary>
    /// The CA's name on the server (<c>ca.name</c>, e.g. <c>ca-org1</c>); required in <see cref="EnrollmentMode.FabricCa"/>
    /// so a multi-CA server never enrols callers with the wrong organization's CA.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string? FabricCaName { get; set; }

    /// <summary>PEM file of the root(s) the CA's TLS certificate must chain to; null: the system's roots.</summary>
    public string? FabricCaTlsRootCertificatePath { get; set; }

    /// <summary>Affiliation callers are registered under; null or empty: the registrar's own.</summary>
    public string? FabricCaAffiliation { get; set; }

    /// <summary>
    /// PEM file of the registrar's enrolment certificate, issued by that CA (it registers callers with their
    /// attributes: it needs <c>hf.Registrar.Roles</c> client and <c>hf.Registrar.Attributes</c> medchain.*).
    /// </summary>
    public string? RegistrarCertificatePath { get; set; }

    /// <summary>PEM (PKCS#8 or SEC1) file of the registrar's private key.</summary>
    public string? RegistrarPrivateKeyPath { get; set; }

    /// <summary>Lifetime of certificates this service issues from the CA key. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Blob container of the enrolled identities (certificate, Data Protection-encrypted key). Default <c>medchain-identities</c>.</summary>
    [Required]
    public string IdentitiesContainer { get; set; } = "medchain-identities";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var (paths, names) = Mode == EnrollmentMode.CertificateAuthorityKey
            ? (new[] { CaCertificatePath, CaPrivateKeyPath }, "CaCertificatePath and CaPrivateKeyPath")
            : (new[] { RegistrarCertificatePath, RegistrarPrivateKeyPath }, "RegistrarCertificatePath and RegistrarPrivateKeyPath");
        if (paths.Any(p => string.IsNullOrEmpty(p) || !File.Exists(p)))
        {
            yield return new ValidationResult($"Enrollment:{names} must name existing PEM files in mode {Mode}.", [nameof(Mode)]);
        }

        if (Mode != EnrollmentMode.FabricCa)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(FabricCaUrl))
        {
            yield return new ValidationResult("Enrollment:FabricCaUrl is required in mode FabricCa.", [nameof(FabricCaUrl)]);
        }

        if (string.IsNullOrEmpty(FabricCaName))
        {
            yield return new ValidationResult("Enrollment:FabricCaName (the server's ca.name) is required in mode FabricCa.", [nameof(FabricCaName)]);
        }

        if (FabricCaTlsRootCertificatePath is { Length: > 0 } roots && !File.Exists(roots))
        {
            yield return new ValidationResult("Enrollment:FabricCaTlsRootCertificatePath must name an existing PEM file.", [nameof(FabricCaTlsRootCertificatePath)]);
        }
    }
}

/// <summary>Where enrolment certificates come from.</summary>
public enum EnrollmentMode
{
    /// <summary>A Fabric CA server: register the caller with attributes, then enrol with a CSR.</summary>
    FabricCa,

    /// <summary>Issued here from the organization's CA key (local and test networks, as cryptogen's).</summary>
    CertificateAuthorityKey,
}
