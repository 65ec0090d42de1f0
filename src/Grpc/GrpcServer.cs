using System.Collections.Frozen;
using MedChain.Grpc.Internal;
using MedChain.Grpc.Internal.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedChain.Grpc;

/// <summary>
/// A gRPC server on Kestrel. Register handlers, then <see cref="StartAsync"/>;
/// a cleartext endpoint is HTTP/2 only (peers speak h2c with prior knowledge).
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly Dictionary<string, ServerMethodHandler> _methods = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private WebApplication? _app;
    private ILogger _logger = NullLogger.Instance;
    private int _port;
    private bool _stopped;

    public GrpcServer(GrpcServerOptions? options = null)
    {
        Options = options ?? new GrpcServerOptions();
    }

    public GrpcServerOptions Options { get; }

    /// <summary>The bound port, known after <see cref="StartAsync"/> (useful with port 0).</summary>
    public int Port => _app is null ? throw new InvalidOperationException("The server has not started.") : _port;

    /// <summary>Routes <c>POST /{service}/{method}</c> of a unary method to <paramref name="handler"/>.</summary>
    public void AddUnaryMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        AddMethod(method.FullName, new UnaryMethodHandler<TRequest, TResponse>(method, handler));
    }

    /// <summary>Routes a server-streaming method to <paramref name="handler"/>.</summary>
    public void AddServerStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        AddMethod(method.FullName, new ServerStreamingMethodHandler<TRequest, TResponse>(method, handler));
    }

    /// <summary>Routes a bidirectional-streaming method to <paramref name="handler"/>.</summary>
    public void AddDuplexStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        AddMethod(method.FullName, new DuplexStreamingMethodHandler<TRequest, TResponse>(method, handler));
    }

    private void AddMethod(string path, ServerMethodHandler handler)
    {
        lock (_lock)
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("Methods must be added before the server starts.");
            }

            if (!_methods.TryAdd(path, handler))
            {
                throw new ArgumentException($"Method {path} is already registered.", nameof(path));
            }
        }
    }

    /// <summary>Validates the options, binds the endpoint and starts serving; throws <see cref="InvalidOperationException"/> for bad options.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        WebApplication app;
        lock (_lock)
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("The server has already started.");
            }

            Options.Validate();
            var loggerFactory = Options.LoggerFactory ?? NullLoggerFactory.Instance;
            _logger = loggerFactory.CreateLogger("MedChain.Grpc.Server");
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
            // StopAsync's token, not a host default, bounds the graceful shutdown.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan);
            builder.WebHost.UseKestrelCore().ConfigureKestrel(ConfigureKestrel);
            app = builder.Build();
            var dispatcher = new GrpcRequestDispatcher(_methods.ToFrozenDictionary(StringComparer.Ordinal), Options, _logger);
            app.Run(dispatcher.DispatchAsync);
            _app = app;
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
        GrpcLog.ServerStarted(
            _logger,
            address,
            Options.ServerCertificate is null ? "h2c" : Options.ClientCertificateAuthorities is null ? "TLS" : "mutual TLS");
    }

    private void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        // Messages are limited by MaxReceiveMessageSize; streams live long and may idle.
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.Http2.KeepAlivePingDelay = Options.KeepAlivePingDelay ?? TimeSpan.MaxValue;
        kestrel.Limits.Http2.KeepAlivePingTimeout = Options.KeepAlivePingTimeout;
        kestrel.Listen(Options.EndPoint, listen =>
        {
            if (Options.ServerCertificate is not { } certificate)
            {
                listen.Protocols = HttpProtocols.Http2;
                return;
            }

            // HTTP/1.1 is offered too so that a non-gRPC client gets a clear 426 answer instead of a failed handshake.
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
            if (Options.ClientCertificateAuthorities is { } authorities)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = (clientCertificate, chain, _) =>
                    CertificateValidation.ChainsToRoots(clientCertificate, chain, authorities);
            }

            listen.UseHttps(https);
        });
    }

    /// <summary>Stops accepting calls and lets running ones finish until <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        WebApplication? app;
        lock (_lock)
        {
            app = _app;
            if (app is null || _stopped)
            {
                return;
            }

            _stopped = true;
        }

        await app.StopAsync(cancellationToken).ConfigureAwait(false);
        GrpcLog.ServerStopped(_logger);
    }

    /// <summary>Stops at once (running calls are aborted) and releases the server.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync().ConfigureAwait(false);
            await StopAsync(now.Token).ConfigureAwait(false);
        }

        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
