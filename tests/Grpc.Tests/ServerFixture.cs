using System.Net;
using MedChain.Grpc;

namespace MedChain.Grpc.Tests;

/// <summary>A real server on 127.0.0.1 with the test methods, and a channel to it.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(GrpcServer server, GrpcChannel channel, TaskCompletionSource hangStarted, TaskCompletionSource hangCancelled)
    {
        HangStarted = hangStarted;
        Server = server;
        Channel = channel;
        HangCancelled = hangCancelled;
        Invoker = channel.CreateCallInvoker();
    }

    public GrpcServer Server { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    /// <summary>Completes when a Hang call reached its handler.</summary>
    public TaskCompletionSource HangStarted { get; }

    /// <summary>Completes when a Hang call observed its cancellation on the server.</summary>
    public TaskCompletionSource HangCancelled { get; }

    public static async Task<ServerFixture> StartAsync(GrpcServerOptions? serverOptions = null, GrpcChannelOptions? channelOptions = null, string host = "127.0.0.1")
    {
        serverOptions ??= new GrpcServerOptions();
        serverOptions.EndPoint = new IPEndPoint(IPAddress.Loopback, 0);
        var hangStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hangCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new GrpcServer(serverOptions);
        TestService.Register(server, hangStarted, hangCancelled);
        await server.StartAsync(TestContext.Current.CancellationToken);
        var scheme = serverOptions.ServerCertificate is null ? "http" : "https";
        var channel = GrpcChannel.ForAddress($"{scheme}://{host}:{server.Port}", channelOptions);
        return new ServerFixture(server, channel, hangStarted, hangCancelled);
    }

    public static CallOptions Options(DateTime? deadline = null, Metadata? headers = null) =>
        new(headers, deadline, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
