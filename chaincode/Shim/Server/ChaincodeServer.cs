using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using MedChain.Shim.Internal;
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

namespace MedChain.Shim;

/// <summary>
/// Chaincode-as-a-service: a gRPC server (Grpc.AspNetCore on Kestrel) for <c>protos.Chaincode/Connect</c>. Each peer that connects
/// gets its own stream handler (register with the package id, then INIT/TRANSACTION served concurrently);
/// a peer that reconnects after a restart simply opens a new stream.
/// </summary>
/// <example>
/// <code>
/// // Program.cs of a chaincode, configured by CHAINCODE_SERVER_ADDRESS, CORE_CHAINCODE_ID_NAME, CHAINCODE_TLS_*:
/// await ChaincodeServer.RunAsync(new MyChaincode(), CancellationToken.None);
/// </code>
/// </example>
public sealed class ChaincodeServer : IAsyncDisposable
{
    private readonly IChaincode _chaincode;
    private readonly ChaincodeServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ChaincodeHandler, Task> _handlers = new();
    private readonly ConcurrentDictionary<string, Task> _connections = new();
    private static readonly TimeSpan _peerCloseGrace = TimeSpan.FromSeconds(2);
    private WebApplication? _app;
    private int _port;
    private int _stopped;

    /// <summary>Creates the server; the options are validated here, so bad settings fail at start-up.</summary>
    public ChaincodeServer(IChaincode chaincode, ChaincodeServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _chaincode = chaincode;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ChaincodeServer>();
    }

    /// <summary>The bound port, once started (useful with port 0).</summary>
    public int Port => _app is not null ? _port : throw new InvalidOperationException("The chaincode server has not started.");

    /// <summary>How many peer streams are open now.</summary>
    public int ConnectionCount => _handlers.Count;

    /// <summary>
    /// Runs a chaincode as a service with settings from the environment (see
    /// <see cref="ChaincodeServerOptions.FromEnvironment()"/>) until the token fires or the process gets SIGTERM/SIGINT.
    /// </summary>
    public static Task RunAsync(IChaincode chaincode, CancellationToken cancellationToken) =>
        RunAsync(chaincode, ChaincodeServerOptions.FromEnvironment(), null, cancellationToken);

    /// <summary>
    /// Runs a chaincode as a service until the token fires or the process gets SIGTERM/SIGINT, then stops
    /// gracefully. Logs to the console when no logger factory is given.
    /// </summary>
    public static async Task RunAsync(IChaincode chaincode, ChaincodeServerOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var ownFactory = loggerFactory is null ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)) : null;
        var factory = loggerFactory ?? ownFactory!;
        var logger = factory.CreateLogger<ChaincodeServer>();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            // Keep the process alive until the graceful stop below has run.
            context.Cancel = true;
            ShimLog.SignalReceived(logger, context.Signal.ToString());
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var server = new ChaincodeServer(chaincode, options, factory);
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }

            using var patience = new CancellationTokenSource(options.ShutdownTimeout);
            await server.StopAsync(patience.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Loads the TLS files, binds the address and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The chaincode server has already started.");
        }

        var endPoint = _options.ResolveEndPoint();
        X509Certificate2? serverCertificate = null;
        X509Certificate2Collection? clientAuthorities = null;
        var security = "cleartext";
        if (!_options.TlsDisabled)
        {
            serverCertificate = LoadServerCertificate(_options.CertPath!, _options.KeyPath!);
            security = "TLS";
            if (_options.ClientCaCertPath is not null)
            {
                clientAuthorities = LoadCertificates(_options.ClientCaCertPath);
                security = "mutual TLS";
            }
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        // StopAsync's token, not a host default, bounds the graceful shutdown.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _options.MaxMessageSize;
            grpc.MaxSendMessageSize = _options.MaxMessageSize;
            // The peer sees the stream fail, never the chaincode's internals.
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(new ChaincodeService(ConnectAsync));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, endPoint, serverCertificate, clientAuthorities));
        var app = builder.Build();
        app.MapGrpcService<ChaincodeService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
        _app = app;
        ShimLog.ServerStarted(_logger, _options.PackageId, $"{endPoint.Address}:{_port}", security);
    }

    private void ConfigureKestrel(KestrelServerOptions kestrel, System.Net.IPEndPoint endPoint, X509Certificate2? serverCertificate, X509Certificate2Collection? clientAuthorities)
    {
        kestrel.AddServerHeader = false;
        // Chaincode streams live as long as the peer does and may idle between transactions.
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.MaxRequestBodySize = null;
        // Fabric peers keep the connection alive with HTTP/2 PINGs and expect the same of the chaincode.
        kestrel.Limits.Http2.KeepAlivePingDelay = _options.KeepAliveTime;
        kestrel.Limits.Http2.KeepAlivePingTimeout = _options.KeepAliveTimeout;
        kestrel.Listen(endPoint, listen =>
        {
            // Outermost: sees each TCP connection from accept to close, so StopAsync can let peers close theirs.
            listen.Use(next => async connection =>
            {
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _connections[connection.ConnectionId] = closed.Task;
                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    _connections.TryRemove(connection.ConnectionId, out _);
                    closed.TrySetResult();
                }
            });
            if (serverCertificate is null)
            {
                // Peers speak h2c with prior knowledge: no HTTP/1.1 upgrade dance on cleartext.
                listen.Protocols = HttpProtocols.Http2;
                return;
            }

            // HTTP/1.1 is offered too so that a non-gRPC client gets a clear answer instead of a failed handshake.
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            var https = new HttpsConnectionAdapterOptions { ServerCertificate = serverCertificate };
            if (clientAuthorities is not null)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = (certificate, chain, _) => ChainsToRoots(certificate, chain, clientAuthorities);
            }

            listen.UseHttps(https);
        });
    }

    /// <summary>
    /// Graceful stop: refuses new transactions, lets running ones finish until the token fires
    /// (then cancels them), closes every peer stream and stops listening.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is null || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        ShimLog.ServerStopping(_logger);
        try
        {
            var streams = _handlers.ToArray();
            await Task.WhenAll(streams.Select(h => h.Key.DrainAsync(cancellationToken))).ConfigureAwait(false);

            // Each stream's call has completed (its last frames and status handed to Kestrel) before Kestrel closes the connections.
            try
            {
                await Task.WhenAll(streams.Select(h => h.Value)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Out of patience: stopping Kestrel drops what is left.
            }

            await WaitForPeersToCloseAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopListeningAsync(cancellationToken).ConfigureAwait(false);
        }

        ShimLog.ServerStopped(_logger);
    }

    /// <summary>
    /// A call's last frames (COMPLETED replies, status trailers) can still sit in Kestrel's HTTP/2 output queue when
    /// the call has completed; stopping Kestrel then may close the connection without them (seen in about one stop
    /// in four under load). A Fabric peer closes its connection once its stream has ended, i.e. once it has read
    /// those frames, so wait for that, bounded by <see cref="_peerCloseGrace"/> for peers that keep theirs open.
    /// </summary>
    private async Task WaitForPeersToCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_connections.Values).WaitAsync(_peerCloseGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A peer that keeps its connection (or no more patience): Kestrel closes it gracefully now.
        }
    }

    private async Task StopListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app!.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of patience; disposing the server drops what is left.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var patience = new CancellationTokenSource(_options.ShutdownTimeout))
        {
            await StopAsync(patience.Token).ConfigureAwait(false);
        }

        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ConnectAsync(IAsyncStreamReader<PeerPb.ChaincodeMessage> requests, IServerStreamWriter<PeerPb.ChaincodeMessage> responses, ServerCallContext context)
    {
        using var handler = new ChaincodeHandler(_chaincode, _options.PackageId, responses, context.Peer, _logger);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The stream has ended for the peer only once Kestrel has produced the call's last frames (the last
        // messages and the status trailers), which happens after this method returns. StopAsync waits for this,
        // not for the method, since stopping Kestrel in between could cut those frames off the connection.
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            ended.TrySetResult();
            return Task.CompletedTask;
        });
        _handlers.TryAdd(handler, ended.Task);
        try
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return;
            }

            await handler.RunAsync(requests, context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _handlers.TryRemove(handler, out _);
        }
    }

    /// <summary>True when the client's certificate chains to one of the configured CAs (Fabric MSPs bring their own roots); revocation is not checked.</summary>
    private static bool ChainsToRoots(X509Certificate2? certificate, X509Chain? presented, X509Certificate2Collection roots)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the peer sent along.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadServerCertificate(string certPath, string keyPath)
    {
        try
        {
            using var pemCertificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);

            // Re-import as PKCS#12 so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Cannot load the TLS certificate '{certPath}' with key '{keyPath}' ({ChaincodeServerOptions.TlsCertVariable}, {ChaincodeServerOptions.TlsKeyVariable}): {ex.Message}", ex);
        }
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Cannot read the client CA certificates '{path}' ({ChaincodeServerOptions.ClientCaCertVariable}): {ex.Message}", ex);
        }

        if (collection.Count == 0)
        {
            throw new InvalidOperationException($"'{path}' ({ChaincodeServerOptions.ClientCaCertVariable}) holds no PEM certificate.");
        }

        return collection;
    }
}
