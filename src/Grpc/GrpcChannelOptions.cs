using System.Security.Cryptography.X509Certificates;

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

    /// <summary>A handler to send requests through instead of the channel's own (tests, proxies). Null: the channel's own <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
