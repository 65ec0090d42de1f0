// The embedded ledger as a Fabric peer's Gateway service: settings in the EmbeddedLedger section (environment
// variables EmbeddedLedger__DataDirectory=..., or --EmbeddedLedger:Port=27051 on the command line); see README.md.
using MedChain.EmbeddedLedger.Server;

var app = EmbeddedLedgerServerHost.Build(args);
await app.RunAsync();
