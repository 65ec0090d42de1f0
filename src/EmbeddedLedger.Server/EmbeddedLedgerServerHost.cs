using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>Builds the server: Kestrel on 127.0.0.1 (HTTP/2 only, cleartext) serving <c>gateway.Gateway</c> over the ledger node.</summary>
public static class EmbeddedLedgerServerHost
{
    /// <summary>
    /// The server configured from environment variables and <paramref name="args"/>, then <paramref name="settings"/>
    /// (e.g. a test's), options validated when it starts; <paramref name="time"/> is the clock (default: the system's).
    /// </summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null, bool console = true, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (console)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddOptions<EmbeddedLedgerServerOptions>().Bind(builder.Configuration.GetSection(EmbeddedLedgerServerOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmbeddedLedgerServerOptions>, EmbeddedLedgerServerOptionsValidator>();
        builder.Services.AddSingleton<LedgerNode>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LedgerNode>());
        builder.Services.AddGrpc();
        builder.WebHost.UseKestrelCore().ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            var port = context.Configuration.GetValue($"{EmbeddedLedgerServerOptions.SectionName}:Port", 27051);
            // Cleartext HTTP/2 with prior knowledge, as a peer without TLS listens; loopback only.
            kestrel.Listen(System.Net.IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGrpcService<GatewayService>();
        return app;
    }

    /// <summary>The port the started <paramref name="app"/> listens on.</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has not started.");
        return new Uri(address).Port;
    }
}
