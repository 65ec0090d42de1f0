using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using MedChain.GatewayTestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedChain.FabricGateway.Tests;

public sealed class AuthenticationTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task EveryEndpoint_Anonymous_Returns401ProblemDetails()
    {
        var endpoints = MappedEndpoints();
        using var client = fixture.Factory.CreateClient();

        // Guards the enumeration itself: had it found nothing, the loop below would pass vacuously.
        Assert.Contains(("PUT", "/api/records/x"), endpoints);
        Assert.Contains(("GET", "/api/records/x/content"), endpoints);
        Assert.Contains(("DELETE", "/api/records/x"), endpoints);
        Assert.Contains(("POST", "/api/records/x/grants"), endpoints);
        Assert.Contains(("POST", "/api/patients/x/consents"), endpoints);
        Assert.Contains(("DELETE", "/api/patients/x/consents/x"), endpoints);
        Assert.Contains(("GET", "/api/patients/x/access-log"), endpoints);
        Assert.Contains(("POST", "/api/prescriptions"), endpoints);
        Assert.Contains(("POST", "/api/prescriptions/x/dispenses"), endpoints);
        Assert.Contains(("POST", "/api/records/x/emergency-access"), endpoints);
        Assert.Contains(("GET", "/api/emergency-accesses"), endpoints);
        foreach (var (method, path) in endpoints)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)), _ct);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} anonymously");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            await AssertProblemAsync(response, 401);
        }
    }

    [Fact]
    public async Task Health_Anonymous_Returns200()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_Returns200ListingTheRecordsApi()
    {
        using var client = fixture.Factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        Assert.Contains("/api/records/{recordId}", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAnchor_ValidToken_PassesAuthentication()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/records/rec-auth-valid", UriKind.Relative), _ct);

        // The chaincode answers (no such record): the caller got past authentication.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("alg-none")]
    [InlineData("garbage")]
    public async Task GetAnchor_InvalidToken_Returns401(string flaw)
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = flaw switch
        {
            "wrong-key" => fixture.Tokens.Create("dr-house", "doctor", signingKey: otherKey),
            "expired" => fixture.Tokens.Create("dr-house", "doctor", expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong-audience" => fixture.Tokens.Create("dr-house", "doctor", audience: "another-api"),
            "wrong-issuer" => fixture.Tokens.Create("dr-house", "doctor", issuer: "https://evil.example"),
            "alg-none" => TestTokens.CreateUnsigned("dr-house", "doctor"),
            _ => "not.a.jwt",
        };
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync(new Uri("/api/records/rec-auth-invalid", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task GetAnchor_TokenExpiredWithinClockSkew_IsAccepted()
    {
        using var client = fixture.Factory.CreateClient();
        var token = fixture.Tokens.Create("dr-house", "doctor", expires: DateTime.UtcNow.AddSeconds(-20));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync(new Uri("/api/records/rec-auth-skew", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Every endpoint the app maps, read from its endpoint data sources, so a new endpoint cannot escape the anonymous test.</summary>
    private List<(string Method, string Path)> MappedEndpoints()
    {
        var sources = fixture.Factory.Services.GetServices<EndpointDataSource>();
        var result = new List<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "x"))));
            // Probes and the API description are anonymous on purpose.
            if (path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal) || path.StartsWith("/scalar", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            result.AddRange(methods.Select(m => (m, path)));
        }

        return result;
    }
}
