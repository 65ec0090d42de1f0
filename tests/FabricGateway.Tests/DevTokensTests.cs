using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MedChain.Demo;

namespace MedChain.FabricGateway.Tests;

/// <summary>`make token`'s tokens (MedChain.Demo's development issuer) are what the service accepts when configured as `make run` does.</summary>
public sealed class DevTokensTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _issuer = "https://idp.medchain.local/dev";
    private const string _audience = "medchain-gateway";

    [Fact]
    public async Task DevToken_IsAccepted_AndOneFromAnotherKeyOrAudienceIsNot()
    {
        var token = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("medchain-dev-tokens-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var privatePath = Path.Combine(directory, "token-signing-key.pem");
            var publicPath = Path.Combine(directory, "token-signing-public.pem");
            await File.WriteAllTextAsync(privatePath, key.ExportPkcs8PrivateKeyPem(), token);
            await File.WriteAllTextAsync(publicPath, key.ExportSubjectPublicKeyInfoPem(), token);
            await using var service = fixture.WithSettings(new Dictionary<string, string?>
            {
                ["Authentication:Issuer"] = _issuer,
                ["Authentication:Audience"] = _audience,
                ["Authentication:IssuerSigningKeyPath"] = publicPath,
            });
            using var client = service.CreateClient();
            using var tokens = DevTokens.FromPemFile(privatePath, _issuer, _audience);
            using var forged = new DevTokens(ECDsa.Create(otherKey.ExportParameters(includePrivateParameters: true)), _issuer, _audience);
            using var elsewhere = DevTokens.FromPemFile(privatePath, _issuer, "another-service");
            var patient = DemoUsers.PatientAlice;
            await fixture.EnrollPatientAsync(patient.Name);

            Assert.Equal(HttpStatusCode.OK, await AccessLogAsync(client, tokens.Create(patient, TimeSpan.FromMinutes(5)), patient, token));
            Assert.Equal(HttpStatusCode.Unauthorized, await AccessLogAsync(client, forged.Create(patient, TimeSpan.FromMinutes(5)), patient, token));
            Assert.Equal(HttpStatusCode.Unauthorized, await AccessLogAsync(client, elsewhere.Create(patient, TimeSpan.FromMinutes(5)), patient, token));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> AccessLogAsync(HttpClient client, string bearer, DemoUser patient, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/patients/{patient.Name}/access-log");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await client.SendAsync(request, token);
        return response.StatusCode;
    }
}
