using System.Security.Cryptography.X509Certificates;

namespace MedChain.Grpc;

/// <summary>What a server handler knows about the call it serves.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method path, e.g. <c>/protos.Chaincode/Connect</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The remote end, e.g. <c>ipv4:127.0.0.1:53012</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline from grpc-timeout, or <see cref="DateTime.MaxValue"/>.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Headers the client sent.</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes or the server stops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers to send with the status.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status to send when the handler returns normally; OK by default.</summary>
    public abstract Status Status { get; set; }

    /// <summary>The client's TLS certificate under mutual TLS, else null.</summary>
    public abstract X509Certificate2? ClientCertificate { get; }

    /// <summary>Sends response headers now rather than with the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}

/// <summary>Handles a unary call.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>Handles a server-streaming call.</summary>
public delegate Task ServerStreamingServerMethod<in TRequest, out TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Handles a bidirectional-streaming call.</summary>
public delegate Task DuplexStreamingServerMethod<in TRequest, out TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
