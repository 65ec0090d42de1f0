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

    /// <summary>The CA's name on a multi-CA server; null: the default CA.</summary>
    public string? FabricCaName { get; set; }

    /// <summary>PEM file of the registrar's enrolment certificate (it registers callers with their attributes).</summary>
    public string? RegistrarCertificatePath { get; set; }

    /// <summary>PEM (PKCS#8) file of the registrar's private key.</summary>
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

        if (Mode == EnrollmentMode.FabricCa && string.IsNullOrEmpty(FabricCaUrl))
        {
            yield return new ValidationResult("Enrollment:FabricCaUrl is required in mode FabricCa.", [nameof(FabricCaUrl)]);
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
