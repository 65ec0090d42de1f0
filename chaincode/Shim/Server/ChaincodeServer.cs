using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.Grpc;
using MedChain.Shim.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pb = Protos;

namespace MedChain.Shim;

/// <summary>
/// Chaincode-as-a-service: a gRPC server for <c>protos.Chaincode/Connect</c>. Each peer that connects
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
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ChaincodeHandler, byte> _handlers = new();
    private GrpcServer? _server;
    private int _stopped;

    /// <summary>Creates the server; the options are validated here, so bad settings fail at start-up.</summary>
    public ChaincodeServer(IChaincode chaincode, ChaincodeServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _chaincode = chaincode;
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ChaincodeServer>();
    }

    /// <summary>The bound port, once started (useful with port 0).</summary>
    public int Port => _server?.Port ?? throw new InvalidOperationException("The chaincode server has not started.");

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
        if (_server is not null)
        {
            throw new InvalidOperationException("The chaincode server has already started.");
        }

        var grpcOptions = new GrpcServerOptions
        {
            EndPoint = _options.ResolveEndPoint(),
            MaxReceiveMessageSize = _options.MaxMessageSize,
            MaxSendMessageSize = _options.MaxMessageSize,
            KeepAlivePingDelay = _options.KeepAliveTime,
            KeepAlivePingTimeout = _options.KeepAliveTimeout,
        };
        var security = "cleartext";
        if (!_options.TlsDisabled)
        {
            grpcOptions.ServerCertificate = LoadServerCertificate(_options.CertPath!, _options.KeyPath!);
            security = "TLS";
            if (_options.ClientCaCertPath is not null)
            {
                grpcOptions.ClientCertificateAuthorities = LoadCertificates(_options.ClientCaCertPath);
                security = "mutual TLS";
            }
        }

        var server = new GrpcServer(grpcOptions);
        server.AddDuplexStreamingMethod(ChaincodeMethods.Connect, ConnectAsync);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = server;
        ShimLog.ServerStarted(_logger, _options.PackageId, $"{grpcOptions.EndPoint.Address}:{server.Port}", security);
    }

    /// <summary>
    /// Graceful stop: refuses new transactions, lets running ones finish until the token fires
    /// (then cancels them), closes every peer stream and stops listening.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_server is null || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        ShimLog.ServerStopping(_logger);
        try
        {
            await Task.WhenAll(_handlers.Keys.Select(h => h.DrainAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            await StopListeningAsync(cancellationToken).ConfigureAwait(false);
        }

        ShimLog.ServerStopped(_logger);
    }

    private async Task StopListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _server!.StopAsync(cancellationToken).ConfigureAwait(false);
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

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ConnectAsync(IAsyncStreamReader<Pb.ChaincodeMessage> requests, IServerStreamWriter<Pb.ChaincodeMessage> responses, ServerCallContext context)
    {
        using var handler = new ChaincodeHandler(_chaincode, _options.PackageId, responses, context.Peer, _logger);
        _handlers.TryAdd(handler, 0);
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
