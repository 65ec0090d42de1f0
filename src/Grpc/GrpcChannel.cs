namespace MedChain.Grpc;

/// <summary>
/// A connection to one gRPC server over HTTP/2 (h2c with prior knowledge for http://,
/// TLS for https://). Thread-safe; share one per server and dispose it when done.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    /// <summary>Creates a channel to <paramref name="address"/> (http://host:port or https://host:port).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address), options);

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>The invoker that starts calls on this channel.</summary>
    public CallInvoker CreateCallInvoker() => throw new NotImplementedException("Transport client: see issue 2.");

    public void Dispose()
    {
    }
}
