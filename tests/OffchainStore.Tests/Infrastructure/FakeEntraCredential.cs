using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace MedChain.OffchainStore.Tests.Infrastructure;

/// <summary>
/// Stands in for an Azure.Identity credential against Azurite's --oauth basic, which checks a token's issuer,
/// audience and lifetime but not its signature: an unsigned JWT shaped like Entra ID's.
/// </summary>
internal sealed class FakeEntraCredential(TimeSpan lifetime) : TokenCredential
{
    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            RequestedScopes.Enqueue(scope);
        }

        var now = DateTimeOffset.UtcNow;
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/",
            ["iat"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        var token = $"{Part(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT" })}.{Part(claims)}.{Base64Url("unsigned"u8.ToArray())}";
        // The SDK caches by ExpiresOn: keep it in the future even for an expired JWT, so the expired one is sent.
        return new AccessToken(token, expires > now ? expires : now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Part(Dictionary<string, object> json) => Base64Url(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(json)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
