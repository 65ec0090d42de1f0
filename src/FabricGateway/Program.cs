using MedChain.FabricGateway;
using MedChain.FabricGateway.Apis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddMedChainGateway();

var app = builder.Build();
app.UseMedChainGateway();
app.MapHealthChecks("/healthz").AllowAnonymous();
// Liveness: the process answers; readiness: the ledger and storage are reachable.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HostingExtensions.ReadyTag) }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/scalar").AllowAnonymous();
}

app.MapRecordsApi();
app.MapConsentsApi();
app.MapEmergencyApi();
app.MapPrescriptionsApi();
app.MapPatientsApi();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The service's entry point; public so functional tests can host it.</summary>
public partial class Program;
