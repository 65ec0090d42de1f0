using System.Net.Http;
using System.Net.Security;

namespace MedChain.Grpc.Internal.Client;

/// <summary>Builds the <see cref="SocketsHttpHandler"/> of a channel from its options.</summary>
internal static class ChannelHandlerFactory
{
    public static SocketsHttpHandler Create(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
            // Long-lived streams (chaincode, events) must keep their connection.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };

        if (options.KeepAlivePingDelay is { } delay)
        {
            handler.KeepAlivePingDelay = delay;
            handler.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
            // Like gRPC's clients: ping while calls run; idle connections are not kept warm (servers may
            // answer pings without calls with GOAWAY ENHANCE_YOUR_CALM).
            handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
        }

        var sslOptions = new SslClientAuthenticationOptions();
        if (options.ClientCertificate is { } clientCertificate)
        {
            // Always offer the certificate: Kestrel and Fabric peers send no acceptable-issuer list to select by.
            sslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        if (options.RootCertificates is { } roots)
        {
            // The name check stays SslStream's own (against the target host); only the trust anchors change.
            sslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) == 0
                && CertificateValidation.ChainsToRoots(certificate, chain, roots);
        }

        handler.SslOptions = sslOptions;
        return handler;
    }
}
