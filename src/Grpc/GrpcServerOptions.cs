using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc;

/// <summary>Settings of a <see cref="GrpcServer"/>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Where to listen. Default 127.0.0.1 on a free port (see <see cref="GrpcServer.Port"/>).</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>Server TLS certificate with private key. Null: cleartext HTTP/2 (h2c, prior knowledge).</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>When set, clients must present a certificate issued by one of these CAs (mutual TLS). Null: no client certificate asked.</summary>
    public X509Certificate2Collection? ClientCertificateAuthorities { get; set; }

    /// <summary>Largest message accepted from a client, in bytes. Default 100 MiB. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest message the server sends, in bytes. Default 100 MiB. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Idle time after which the server PINGs a client. Default 2 minutes; at least 1 second. Null: no pings.</summary>
    public TimeSpan? KeepAlivePingDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for a PING's answer. Default 20 seconds; at least 1 second.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Where the server logs (Kestrel's own messages included). Null (default): no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a setting is missing or out of range.</summary>
    internal void Validate()
    {
        if (EndPoint is null)
        {
            throw new InvalidOperationException($"{nameof(EndPoint)} is required.");
        }

        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new InvalidOperationException("The server certificate has no private key.");
        }

        if (ClientCertificateAuthorities is not null && ServerCertificate is null)
        {
            throw new InvalidOperationException($"{nameof(ClientCertificateAuthorities)} (mutual TLS) needs a {nameof(ServerCertificate)}.");
        }

        if (ClientCertificateAuthorities is { Count: 0 })
        {
            throw new InvalidOperationException($"{nameof(ClientCertificateAuthorities)} is empty: no client could connect. Use null to not ask for client certificates.");
        }

        if (MaxReceiveMessageSize is <= 0 || MaxSendMessageSize is <= 0)
        {
            throw new InvalidOperationException("Message size limits must be positive or null.");
        }

        if (KeepAlivePingDelay is { } delay && delay < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{nameof(KeepAlivePingDelay)} must be at least 1 second or null.");
        }

        if (KeepAlivePingTimeout < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{nameof(KeepAlivePingTimeout)} must be at least 1 second.");
        }
    }
}
