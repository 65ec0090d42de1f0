using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.ShimPeerDriver;

/// <summary>How the test peer dials a TLS chaincode server: the CAs it trusts and, for mutual TLS, its own certificate.</summary>
public sealed record PeerTls(X509Certificate2Collection Roots, X509Certificate2? ClientCertificate = null)
{
    /// <summary>An HTTP/2 handler for Grpc.Net.Client; cleartext when <paramref name="tls"/> is null.</summary>
    public static SocketsHttpHandler CreateHandler(PeerTls? tls)
    {
        var handler = new SocketsHttpHandler
        {
            // Chaincode streams are long-lived; the peer pings as Fabric's does.
            KeepAlivePingDelay = TimeSpan.FromMinutes(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        };
        if (tls is null)
        {
            return handler;
        }

        handler.SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            },
            ClientCertificates = tls.ClientCertificate is null ? null : [tls.ClientCertificate],
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(tls.Roots);
        return handler;
    }
}
