using System.Security.Cryptography.X509Certificates;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedChain.FabricGateway.Tests;

/// <summary>Hospital systems may authenticate with a client certificate; one from an untrusted CA authenticates no one.</summary>
public sealed class ClientCertificateTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IDisposable
{
    private readonly TestCertificates _systemsCa = TestCertificates.Create("Org1 systems CA");
    private readonly TestCertificates _otherCa = TestCertificates.Create("Someone else's CA");
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-client-certs-").FullName;

    [Fact]
    public async Task GetAnchor_ClientCertificateOfAnUntrustedCa_Returns401()
    {
        using var certificate = _otherCa.IssueClientCertificate("records-system");
        using var factory = Factory();

        var context = await SendAsync(factory, certificate);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task GetAnchor_ClientCertificateOfATrustedCa_IsAuthorized()
    {
        using var certificate = _systemsCa.IssueClientCertificate("records-system");
        using var factory = Factory();

        var context = await SendAsync(factory, certificate);

        // Authorized: the chain answers (no such record), not the authentication layer.
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    public void Dispose()
    {
        _systemsCa.Dispose();
        _otherCa.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private WebApplicationFactory<Program> Factory()
    {
        var (roots, _) = TestCertificates.WritePemFiles(_systemsCa.Authority, _directory, "systems-ca");
        return fixture.WithSettings(new Dictionary<string, string?>
        {
            ["Authentication:ClientCertificateRootsPath"] = roots,
            ["Authentication:CheckClientCertificateRevocation"] = "false",
            ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Debug",
        });
    }

    private static Task<HttpContext> SendAsync(WebApplicationFactory<Program> factory, X509Certificate2 certificate) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/api/records/rec-by-certificate";
            context.Connection.ClientCertificate = certificate;
        }, TestContext.Current.CancellationToken);
}
