using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace MedChain.FabricClient;

/// <summary>Builds the gRPC channel to a Gateway peer from PEM files, as Fabric's network tools write them.</summary>
public static class GatewayConnectionFactory
{
    /// <summary>
    /// Creates a channel to the peer <paramref name="options"/> names. The caller owns it: share it between
    /// gateways and dispose it when done.
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    /// <exception cref="FileNotFoundException">A PEM file does not exist.</exception>
    /// <exception cref="InvalidDataException">A PEM file holds no certificate or key.</exception>
    public static async Task<GrpcChannel> CreateChannelAsync(GatewayConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var address = options.Address();

        X509Certificate2Collection? trustedRoots = null;
        X509Certificate2? clientCertificate = null;
        if (options.TlsRootCertificatePath is { } rootPath)
        {
            var pem = await ReadAsync(rootPath, "TLS root CA", cancellationToken).ConfigureAwait(false);
            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException($"'{rootPath}' holds no PEM certificate: {e.Message}", e);
            }

            if (roots.Count == 0)
            {
                throw new InvalidDataException($"'{rootPath}' holds no PEM certificate.");
            }

            trustedRoots = roots;
        }

        if (options is { ClientCertificatePath: { } certPath, ClientKeyPath: { } keyPath })
        {
            var certPem = await ReadAsync(certPath, "client TLS certificate", cancellationToken).ConfigureAwait(false);
            var keyPem = await ReadAsync(keyPath, "client TLS key", cancellationToken).ConfigureAwait(false);
            try
            {
                using var withKey = X509Certificate2.CreateFromPem(certPem, keyPem);

                // SslStream on some platforms cannot use an ephemeral key: round-trip through PKCS#12.
                clientCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException($"'{certPath}' and '{keyPath}' are not a certificate and its private key: {e.Message}", e);
            }
        }

        var handler = CreateHandler(trustedRoots, clientCertificate);
        HttpMessageHandler outer = options.ServerNameOverride is { } serverName ? new HostOverrideHandler(serverName, handler) : handler;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = outer,
            DisposeHttpClient = true,
            // Fabric's default message size limit (100 MiB) both ways, as its Go clients have.
            MaxReceiveMessageSize = MaxMessageSize,
            MaxSendMessageSize = MaxMessageSize,
        });
    }

    /// <summary>Fabric peers' default gRPC message size limit.</summary>
    public const int MaxMessageSize = 100 * 1024 * 1024;

    private static SocketsHttpHandler CreateHandler(X509Certificate2Collection? trustedRoots, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Event streams live long: keep the connection, and ping while calls run, as gRPC's Go clients do.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromMinutes(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            UseProxy = false,
        };
        var ssl = new SslClientAuthenticationOptions();
        if (clientCertificate is not null)
        {
            // Always offer the certificate: Fabric peers send no acceptable-issuer list to select by.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        if (trustedRoots is not null)
        {
            // Fabric's TLS CAs are private: trust exactly these roots; SslStream still checks the host name.
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        }

        handler.SslOptions = ssl;
        return handler;
    }

    /// <summary>
    /// Sends the Host (HTTP/2 :authority) a peer's certificate names, so TLS checks that name and
    /// sends it as SNI while the socket dials the endpoint's address (e.g. localhost).
    /// </summary>
    private sealed class HostOverrideHandler(string host, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = request.RequestUri is { IsDefaultPort: false } uri ? $"{host}:{uri.Port}" : host;
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static async Task<string> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} file '{path}' does not exist.", path);
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
