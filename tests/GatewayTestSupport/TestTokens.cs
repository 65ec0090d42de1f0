using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedChain.GatewayTestSupport;

/// <summary>An OpenID provider for tests: real signed JWTs from a key the service is configured to trust.</summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://idp.test.local/realms/org1";
    public const string Audience = "medchain-gateway";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key the service trusts, as PEM.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A valid token for <paramref name="subject"/> acting as <paramref name="role"/>.</summary>
    public string Create(string subject, string role, string? audience = null, string? issuer = null, DateTime? expires = null, ECDsa? signingKey = null, string? extraRole = null)
    {
        var now = DateTime.UtcNow;
        var notAfter = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            IssuedAt = notAfter < now ? notAfter.AddMinutes(-10) : now,
            NotBefore = notAfter < now ? notAfter.AddMinutes(-10) : now,
            Expires = notAfter,
            Subject = new ClaimsIdentity(extraRole is null
                ? [new Claim("sub", subject), new Claim("role", role)]
                : [new Claim("sub", subject), new Claim("role", role), new Claim("role", extraRole)]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signingKey ?? _key), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string CreateUnsigned(string subject, string role)
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"{{subject}}","role":"{{role}}","exp":{{expires}}}"""));
        return $"{header}.{payload}.";
    }

    public void Dispose() => _key.Dispose();
}
