namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// The embedded ledger as a Fabric peer's Gateway service: settings in the EmbeddedLedger section (environment
/// variables EmbeddedLedger__DataDirectory=..., or --EmbeddedLedger:Port=27051 on the command line); see README.md.
/// </summary>
internal static class ServerProgram
{
    // Not top-level statements: test projects reference this and the HTTP service, whose Program must stay unambiguous.
    public static async Task Main(string[] args)
    {
        var app = EmbeddedLedgerServerHost.Build(args);
        await app.RunAsync();
    }
}
