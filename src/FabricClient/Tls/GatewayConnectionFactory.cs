using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.Grpc;

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

        var channelOptions = new GrpcChannelOptions { ServerNameOverride = options.ServerNameOverride };
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

            channelOptions.RootCertificates = roots;
        }

        if (options is { ClientCertificatePath: { } certPath, ClientKeyPath: { } keyPath })
        {
            var certPem = await ReadAsync(certPath, "client TLS certificate", cancellationToken).ConfigureAwait(false);
            var keyPem = await ReadAsync(keyPath, "client TLS key", cancellationToken).ConfigureAwait(false);
            try
            {
                using var withKey = X509Certificate2.CreateFromPem(certPem, keyPem);

                // SslStream on some platforms cannot use an ephemeral key: round-trip through PKCS#12.
                channelOptions.ClientCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException($"'{certPath}' and '{keyPath}' are not a certificate and its private key: {e.Message}", e);
            }
        }

        return GrpcChannel.ForAddress(address, channelOptions);
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
