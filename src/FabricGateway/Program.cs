using MedChain.FabricGateway;
using MedChain.FabricGateway.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddMedChainGateway();

var app = builder.Build();
app.UseMedChainGateway();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapRecordsApi();
app.MapConsentsApi();
app.MapPatientsApi();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The service's entry point; public so functional tests can host it.</summary>
public partial class Program;
