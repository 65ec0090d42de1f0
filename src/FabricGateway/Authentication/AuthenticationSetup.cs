using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricGateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MedChain.FabricGateway.Authentication;

/// <summary>
/// Callers authenticate with an OpenID Connect bearer token or, for systems, a client certificate; every
/// endpoint requires an authenticated caller unless it opts out (health, the OpenAPI document).
/// </summary>
public static class AuthenticationSetup
{
    /// <summary>The default scheme: picks the bearer or certificate handler per request.</summary>
    public const string Scheme = "MedChain";

    private static readonly string[] _asymmetricAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    public static IHostApplicationBuilder AddMedChainAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CallerAuthenticationOptions>().BindConfiguration(CallerAuthenticationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or client certificate", o =>
            {
                // A certificate stands in only when no token is presented; anonymous callers are challenged for a token (401).
                o.ForwardDefaultSelector = context =>
                    context.Connection.ClientCertificate is not null && context.Request.Headers.Authorization.Count == 0
                        ? CertificateAuthenticationDefaults.AuthenticationScheme
                        : JwtBearerDefaults.AuthenticationScheme;
                o.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme;
            })
            .AddJwtBearer()
            .AddCertificate();

        var development = builder.Environment.IsDevelopment();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CallerAuthenticationOptions>>((jwt, options) => ConfigureBearer(jwt, options.Value, development));
        services.AddOptions<CertificateAuthenticationOptions>(CertificateAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<CallerAuthenticationOptions>>((certificate, options) => ConfigureCertificate(certificate, options.Value));

        // Kestrel asks for a client certificate (optional: people use tokens) only when some are trusted. It must
        // let every certificate through the handshake: by default it checks them against the machine's store and
        // drops the connection, so a system CA's certificates never reached the handler (which checks our roots).
        if (builder.Configuration[$"{CallerAuthenticationOptions.SectionName}:{nameof(CallerAuthenticationOptions.ClientCertificateRootsPath)}"] is { Length: > 0 })
        {
            services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
                kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                }));
        }

        var authenticated = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireClaim(MedChainClaims.Id).Build();
        services.AddAuthorizationBuilder().SetDefaultPolicy(authenticated).SetFallbackPolicy(authenticated);
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, CallerAuthenticationOptions options, bool development)
    {
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = !development;
        jwt.Authority = string.IsNullOrEmpty(options.Authority) ? null : options.Authority;
        jwt.Audience = options.Audience;
        var parameters = jwt.TokenValidationParameters;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ValidAudience = options.Audience;
        parameters.ClockSkew = options.ClockSkew;
        parameters.ValidAlgorithms = _asymmetricAlgorithms;
        parameters.NameClaimType = "sub";
        parameters.RoleClaimType = MedChainClaims.Role;
        if (options.IssuerSigningKeyPath is { Length: > 0 } keyPath)
        {
            parameters.ValidIssuer = options.Issuer;
            parameters.IssuerSigningKey = ReadPublicKey(keyPath);
        }

        jwt.Events = new JwtBearerEvents { OnTokenValidated = context => AddMedChainClaims(context.Principal, "sub", "role") };
    }

    private static void ConfigureCertificate(CertificateAuthenticationOptions certificate, CallerAuthenticationOptions options)
    {
        certificate.AllowedCertificateTypes = CertificateTypes.Chained;
        certificate.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        certificate.ValidateCertificateUse = true;
        certificate.ValidateValidityPeriod = true;
        certificate.RevocationMode = options.CheckClientCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (options.ClientCertificateRootsPath is { Length: > 0 } roots)
        {
            certificate.CustomTrustStore.ImportFromPemFile(roots);
        }

        certificate.Events = new CertificateAuthenticationEvents
        {
            OnCertificateValidated = context =>
            {
                // No trusted roots configured: no certificate authenticates anyone.
                if (certificate.CustomTrustStore.Count == 0)
                {
                    context.Fail("Client certificates are not accepted.");
                    return Task.CompletedTask;
                }

                var name = context.ClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                var identity = new ClaimsIdentity(
                    [new Claim(MedChainClaims.Id, name), new Claim(MedChainClaims.Role, MedChainClaims.ServiceRole)],
                    context.Scheme.Name,
                    MedChainClaims.Id,
                    MedChainClaims.Role);
                context.Principal = new ClaimsPrincipal(identity);
                context.Success();
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The token's subject and role under the names the service (and Fabric CA attributes) use.</summary>
    private static Task AddMedChainClaims(ClaimsPrincipal? principal, string subjectClaim, string roleClaim)
    {
        if (principal?.Identity is ClaimsIdentity identity && identity.FindFirst(subjectClaim) is { Value.Length: > 0 } subject)
        {
            identity.AddClaim(new Claim(MedChainClaims.Id, subject.Value));
            foreach (var role in identity.FindAll(roleClaim).ToList())
            {
                identity.AddClaim(new Claim(MedChainClaims.Role, role.Value));
            }
        }

        return Task.CompletedTask;
    }

    private static SecurityKey ReadPublicKey(string path)
    {
        var pem = File.ReadAllText(path);
        if (pem.Contains("BEGIN RSA", StringComparison.Ordinal) || IsRsaPublicKey(pem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }

        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return new ECDsaSecurityKey(ec);
    }

    private static bool IsRsaPublicKey(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
