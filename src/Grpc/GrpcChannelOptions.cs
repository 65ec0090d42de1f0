using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Trusted root CAs for the server's TLS certificate (https addresses). Null: the system's roots.</summary>
    public X509Certificate2Collection? RootCertificates { get; set; }

    /// <summary>Client certificate with private key for mutual TLS. Null: none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Host name expected in the server's certificate (and sent as SNI) instead of the address's host. Null: the address's host.</summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>Largest message accepted from the server, in bytes. Default 100 MiB, Fabric's default. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest message the client sends, in bytes. Default 100 MiB. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Idle time after which an HTTP/2 PING checks the connection. Default 1 minute. Null: no pings.</summary>
    public TimeSpan? KeepAlivePingDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for a PING's answer before closing the connection. Default 20 seconds.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Opens more HTTP/2 connections when one reaches the server's concurrent-stream limit
    /// (SETTINGS_MAX_CONCURRENT_STREAMS). Default false: one connection, like gRPC's own clients.
    /// </summary>
    public bool EnableMultipleHttp2Connections { get; set; }

    /// <summary>Where the channel logs. Null (default): no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A handler to send requests through instead of the channel's own (tests, proxies). Null: the channel's own <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range or does not fit <paramref name="address"/>.</summary>
    internal void Validate(Uri address)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The address '{address}' must be absolute http:// (h2c) or https:// (TLS).", nameof(address));
        }

        if (address.Scheme == Uri.UriSchemeHttp && (RootCertificates is not null || ClientCertificate is not null || ServerNameOverride is not null))
        {
            throw new ArgumentException($"TLS settings (root certificates, client certificate, server name override) were given for the cleartext address '{address}'; use https://.", nameof(address));
        }

        if (MaxReceiveMessageSize is <= 0)
        {
            throw new ArgumentException($"{nameof(MaxReceiveMessageSize)} must be positive or null.", nameof(address));
        }

        if (MaxSendMessageSize is <= 0)
        {
            throw new ArgumentException($"{nameof(MaxSendMessageSize)} must be positive or null.", nameof(address));
        }

        if (KeepAlivePingDelay is { } delay && delay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(KeepAlivePingDelay)} must be positive or null.", nameof(address));
        }

        if (KeepAlivePingTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(KeepAlivePingTimeout)} must be positive.", nameof(address));
        }

        if (ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The client certificate has no private key.", nameof(address));
        }

        if (ServerNameOverride is { Length: 0 } || (ServerNameOverride is not null && Uri.CheckHostName(ServerNameOverride) == UriHostNameType.Unknown))
        {
            throw new ArgumentException($"'{ServerNameOverride}' is not a host name.", nameof(address));
        }
    }
}
