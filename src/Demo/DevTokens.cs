using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MedChain.Demo;

/// <summary>
/// The development identity provider of `make run`: ES256 JWTs signed with the key the services are configured
/// to trust (Authentication:Issuer and IssuerSigningKeyPath), carrying <c>sub</c> and <c>role</c> as the service expects.
/// </summary>
public sealed class DevTokens(ECDsa key, string issuer, string audience) : IDisposable
{
    public static DevTokens FromPemFile(string path, string issuer, string audience)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return new DevTokens(key, issuer, audience);
    }

    public string Create(DemoUser user, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = user.Name,
            ["role"] = user.Role,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        }));
        // JWS ES256 signs "header.payload" and carries the raw r||s signature (IEEE P1363), .NET's default.
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{Encode(signature)}";
    }

    public void Dispose() => key.Dispose();

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
