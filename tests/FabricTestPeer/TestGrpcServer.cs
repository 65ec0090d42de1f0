using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedChain.FabricTestPeer;

/// <summary>TLS for a <see cref="TestGrpcServer"/>: its certificate and, for mutual TLS, the CAs client certificates must chain to.</summary>
public sealed record TestServerTls(X509Certificate2 ServerCertificate, X509Certificate2Collection? ClientCertificateAuthorities = null);

/// <summary>
/// One gRPC service (a generated <c>...Base</c> subclass) on Grpc.AspNetCore and Kestrel at 127.0.0.1 on a free
/// port: h2c with prior knowledge, or TLS / mutual TLS, as a Fabric peer listens.
/// </summary>
public sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, int port, bool tls)
    {
        _app = app;
        Port = port;
        Address = $"{(tls ? "https" : "http")}://127.0.0.1:{port}";
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:port, or https:// with TLS.</summary>
    public string Address { get; }

    public static async Task<TestGrpcServer> StartAsync<TService>(TService service, TestServerTls? tls = null, CancellationToken cancellationToken = default)
        where TService : class
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (tls is null)
                {
                    return;
                }

                var https = new HttpsConnectionAdapterOptions { ServerCertificate = tls.ServerCertificate };
                if (tls.ClientCertificateAuthorities is { } authorities)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.CheckCertificateRevocation = false;
                    https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, authorities);
                }

                listen.UseHttps(https);
            });
        });
        var app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestGrpcServer(app, new Uri(address).Port, tls is not null);
    }

    public async ValueTask DisposeAsync()
    {
        // Tests end with calls still open (event streams): stop without waiting for them.
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync().ConfigureAwait(false);
            await _app.StopAsync(now.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        return chain.Build(certificate);
    }
}
