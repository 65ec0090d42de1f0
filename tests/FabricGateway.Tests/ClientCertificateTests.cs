using System.Net;
using System.Security.Cryptography.X509Certificates;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// Hospital systems may authenticate with a client certificate chained to the configured roots; one from an
/// untrusted CA, or expired, authenticates no one. Over real TLS (Kestrel) as well as in memory.
/// </summary>
public sealed class ClientCertificateTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IDisposable
{
    private readonly TestCertificates _systemsCa = TestCertificates.Create("Org1 systems CA");
    private readonly TestCertificates _otherCa = TestCertificates.Create("Someone else's CA");
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-client-certs-").FullName;

    [Fact]
    public async Task GetAnchor_ClientCertificateOfATrustedCa_IsAuthorized()
    {
        using var certificate = _systemsCa.IssueClientCertificate("records-system");
        using var factory = Factory();

        var context = await SendAsync(factory, certificate);

        // Authorized: the chain answers (no such record), not the authentication layer.
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task GetAnchor_ClientCertificateOfAnUntrustedCa_Returns401()
    {
        using var certificate = _otherCa.IssueClientCertificate("records-system");
        using var factory = Factory();

        var context = await SendAsync(factory, certificate);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task GetAnchor_ExpiredClientCertificateOfATrustedCa_Returns401()
    {
        using var certificate = _systemsCa.IssueClientCertificate("records-system", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var factory = Factory();

        var context = await SendAsync(factory, certificate);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task GetAnchor_OverTlsWithATrustedClientCertificate_IsAuthorized()
    {
        using var certificate = _systemsCa.IssueClientCertificate("records-system");

        var status = await SendOverTlsAsync(certificate);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task GetAnchor_OverTlsWithAnUntrustedClientCertificate_Returns401()
    {
        using var certificate = _otherCa.IssueClientCertificate("records-system");

        var status = await SendOverTlsAsync(certificate);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    public void Dispose()
    {
        _systemsCa.Dispose();
        _otherCa.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private WebApplicationFactory<Program> Factory(Dictionary<string, string?>? extra = null)
    {
        var (roots, _) = TestCertificates.WritePemFiles(_systemsCa.Authority, _directory, "systems-ca");
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:ClientCertificateRootsPath"] = roots,
            ["Authentication:CheckClientCertificateRevocation"] = "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return fixture.WithSettings(settings);
    }

    /// <summary>The service on Kestrel with an https endpoint from configuration, as deployed; one request with <paramref name="certificate"/>.</summary>
    private async Task<HttpStatusCode> SendOverTlsAsync(X509Certificate2 certificate)
    {
        using var serverCertificate = _systemsCa.IssueServerCertificate();
        var (serverPem, serverKey) = TestCertificates.WritePemFiles(serverCertificate, _directory, "server");
        var url = $"https://127.0.0.1:{FreePort.Next()}";
        using var factory = Factory(new()
        {
            ["Kestrel:Endpoints:Https:Url"] = url,
            ["Kestrel:Endpoints:Https:Certificate:Path"] = serverPem,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = serverKey,
        });
        factory.UseKestrel();
        factory.StartServer();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [certificate];
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(_systemsCa.Roots);
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync(new Uri(url + "/api/records/rec-by-certificate"), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static Task<HttpContext> SendAsync(WebApplicationFactory<Program> factory, X509Certificate2 certificate) =>
        factory.Server.SendAsync(context =>
        {
            // The certificate handler ignores certificates on requests that did not arrive over TLS.
            context.Request.Scheme = "https";
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/api/records/rec-by-certificate";
            context.Connection.ClientCertificate = certificate;
        }, TestContext.Current.CancellationToken);
}
