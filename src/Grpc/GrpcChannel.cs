using MedChain.Grpc.Internal.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedChain.Grpc;

/// <summary>
/// A connection to one gRPC server over HTTP/2 (h2c with prior knowledge for http://,
/// TLS for https://). Thread-safe; share one per server and dispose it when done.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpClient _client;
    private readonly ILogger _logger;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MedChain.Grpc.Client");
        // A caller-supplied handler stays the caller's to dispose.
        _client = options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(ChannelHandlerFactory.Create(options), disposeHandler: true);
        // Calls end by their own deadline or cancellation; HttpClient's 100 s default would cut long streams.
        _client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    /// <summary>Creates a channel to <paramref name="address"/> (http://host:port or https://host:port).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address), options);

    /// <summary>Creates a channel to <paramref name="address"/>; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new GrpcChannelOptions();
        options.Validate(address);
        return new GrpcChannel(address, options);
    }

    /// <summary>The invoker that starts calls on this channel.</summary>
    public CallInvoker CreateCallInvoker() => new GrpcCallInvoker(_client, Address, Options, _logger);

    /// <summary>Closes the channel's connections; running calls fail.</summary>
    public void Dispose() => _client.Dispose();
}
