using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Configuration;

/// <summary>
/// How callers prove who they are: section "Authentication". People present OpenID Connect bearer tokens;
/// hospital systems may present client certificates instead.
/// </summary>
public sealed class CallerAuthenticationOptions : IValidatableObject
{
    public const string SectionName = "Authentication";

    /// <summary>The OpenID Connect provider (its discovery document gives issuer and keys), e.g. <c>https://login.example.org/realms/org1</c>.</summary>
    [Url]
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (this service's client or API id). Required.</summary>
    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>Tolerated clock difference with the token issuer. Default 1 minute; at most 5.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The token issuer when no <see cref="Authority"/> is used (local networks, tests): tokens must carry this
    /// <c>iss</c> and be signed by <see cref="IssuerSigningKeyPath"/>.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>PEM file of the public key (EC or RSA) trusted to sign tokens, with <see cref="Issuer"/>.</summary>
    public string? IssuerSigningKeyPath { get; set; }

    /// <summary>
    /// PEM file of the CA certificates whose client certificates authenticate system callers; null: client
    /// certificates are not accepted.
    /// </summary>
    public string? ClientCertificateRootsPath { get; set; }

    /// <summary>Check client certificates against their CA's revocation lists. Default <see langword="true"/>.</summary>
    public bool CheckClientCertificateRevocation { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var local = !string.IsNullOrEmpty(Issuer) || !string.IsNullOrEmpty(IssuerSigningKeyPath);
        if (string.IsNullOrEmpty(Authority) == !local)
        {
            yield return new ValidationResult("Authentication needs either Authority or Issuer with IssuerSigningKeyPath, not both.", [nameof(Authority), nameof(Issuer)]);
        }
        else if (local && (string.IsNullOrEmpty(Issuer) || !File.Exists(IssuerSigningKeyPath)))
        {
            yield return new ValidationResult("Authentication:Issuer goes with Authentication:IssuerSigningKeyPath, which must name an existing PEM file.", [nameof(Issuer), nameof(IssuerSigningKeyPath)]);
        }

        if (ClientCertificateRootsPath is { Length: > 0 } roots && !File.Exists(roots))
        {
            yield return new ValidationResult("Authentication:ClientCertificateRootsPath must name an existing PEM file.", [nameof(ClientCertificateRootsPath)]);
        }
    }
}
