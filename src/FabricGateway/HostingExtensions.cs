using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.FabricGateway.Apis;
using MedChain.FabricGateway.Authentication;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Idempotency;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Prescriptions;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway;

/// <summary>Registers the service's parts; options are validated when the host starts.</summary>
public static class HostingExtensions
{
    /// <summary>The health checks /health/ready runs (the ledger and storage reachable).</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddMedChainGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Outside Development, nothing leaves the service in clear text: not records, not signed proposals.
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.Mode), "Ledger:Mode must be Fabric or Embedded.")
            .Validate(o => o.Mode != LedgerMode.Embedded || (!string.IsNullOrWhiteSpace(o.DataDirectory) && IsWritableDirectory(o.DataDirectory)), "Ledger:DataDirectory must be a writable directory when Ledger:Mode is Embedded.")
            .Validate(o => o.Mode != LedgerMode.Embedded || (o.Organizations.Count > 0 && o.Organizations.Values.All(EmbeddedLedgerHost.IsCertificateFile)), "Ledger:Organizations must map each MSP id to its CA certificate (an existing PEM file) when Ledger:Mode is Embedded.")
            .ValidateOnStart();
        services.AddOptions<FabricOptions>().BindConfiguration(FabricOptions.SectionName).ValidateDataAnnotations()
            .Validate<IOptions<LedgerOptions>>((o, ledger) => ledger.Value.Mode != LedgerMode.Fabric || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Fabric:Endpoint must be an absolute URL when Ledger:Mode is Fabric.")
            .Validate<IOptions<LedgerOptions>>((o, ledger) => ledger.Value.Mode != LedgerMode.Fabric || development || IsHttps(o.Endpoint), "Fabric:Endpoint must be https outside Development.")
            // Here rather than on LedgerOptions: a validator of each depending on the other would recurse.
            .Validate<IOptions<LedgerOptions>>((o, ledger) => ledger.Value.Mode != LedgerMode.Embedded || ledger.Value.Organizations.ContainsKey(o.MspId), "Ledger:Organizations must include the service's own Fabric:MspId when Ledger:Mode is Embedded.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => development || IsHttps(o.ServiceUri), "Storage:ServiceUri must be https outside Development.")
            .ValidateOnStart();
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.PrivateKeyPath), "Encryption:PrivateKeyPath must name an existing PEM file.")
            .ValidateOnStart();

        builder.AddMedChainAuthentication();
        services.AddMedChainOpenApi();
        // Problems the framework writes itself (401, 404 route, 405) get a stable type too.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Type = c.ProblemDetails.Type is { } type && type.StartsWith(ProblemType.BaseUri, StringComparison.Ordinal)
                ? type
                : ProblemTypes.ForStatus(c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode).Uri);
        services.AddExceptionHandler<ProblemMapping>();
        services.AddHealthChecks()
            .AddCheck<LedgerHealthCheck>("ledger", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.InFlightTimeout > TimeSpan.Zero, "Idempotency:InFlightTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddOptions<EmergencyOptions>().BindConfiguration(EmergencyOptions.SectionName)
            .Validate(o => Identifiers.Ids.IsValid(Identifiers.IdKind.Msp, o.RegulatorMspId), "Emergency:RegulatorMspId must be an MSP id.")
            .ValidateOnStart();

        services.AddSingleton(sp => CreateBlobServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new OffchainRecordStore(
                sp.GetRequiredService<BlobServiceClient>(),
                new OffchainStoreOptions
                {
                    RecordsContainer = storage.RecordsContainer,
                    KeysContainer = storage.KeysContainer,
                    AllowRecoverableDeletes = storage.AllowRecoverableDeletes,
                },
                sp.GetRequiredService<ILogger<OffchainRecordStore>>());
        });
        // Containers, and the refusal of an account where erasure would not be final, before any request is served.
        services.AddHostedService<OffchainStoreStartup>();
        services.AddSingleton<OrganizationKeys>();
        services.AddOptions<EnrollmentOptions>().BindConfiguration(EnrollmentOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => development || o.Mode != EnrollmentMode.FabricCa || IsHttps(o.FabricCaUrl), "Enrollment:FabricCaUrl must be https outside Development.")
            .ValidateOnStart();
        var dataProtection = services.AddDataProtection().SetApplicationName("MedChain.FabricGateway");
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        // Beside the Data Protection keys by default: the directory operators already keep on a persistent volume.
        var defaultPendingWork = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } dpKeys
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dpKeys).TrimEnd(Path.DirectorySeparatorChar)) ?? dpKeys, "pending-work")
            : Path.Combine(builder.Environment.ContentRootPath, "data", "pending-work");
        services.AddOptions<PendingWorkOptions>().BindConfiguration(PendingWorkOptions.SectionName)
            .PostConfigure(o => o.Directory = string.IsNullOrWhiteSpace(o.Directory) ? defaultPendingWork : o.Directory)
            .Validate(o => o.AnchorGracePeriod > TimeSpan.Zero, "PendingWork:AnchorGracePeriod must be positive.")
            .Validate(o => IsWritableDirectory(o.Directory), "PendingWork:Directory must be a writable directory.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PendingWork>();
        services.AddSingleton<PendingWorkReconciler>();
        services.AddSingleton<IEnrollmentService>(sp => sp.GetRequiredService<IOptions<EnrollmentOptions>>().Value.Mode == EnrollmentMode.CertificateAuthorityKey
            ? ActivatorUtilities.CreateInstance<CaKeyEnrollmentService>(sp)
            : ActivatorUtilities.CreateInstance<FabricCaEnrollmentService>(sp));
        services.AddSingleton<PersonIdentityStore>();
        services.AddSingleton<PersonalIdentities>();
        services.AddSingleton<FabricConnection>();
        services.AddSingleton<EmbeddedLedgerHost>();
        // Opens the embedded ledger (replaying its block log) before requests are served; does nothing in Fabric mode.
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedLedgerHost>());
        services.AddSingleton<IChaincodeLedger>(sp => sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Mode == LedgerMode.Embedded
            ? new EmbeddedChaincodeLedger(sp.GetRequiredService<EmbeddedLedgerHost>())
            : new FabricChaincodeLedger(sp.GetRequiredService<FabricConnection>()));
        services.AddSingleton<IRecordLedger, FabricRecordLedger>();
        services.AddSingleton<RecordService>();
        services.AddSingleton<EmergencyAccessService>();
        services.AddSingleton<IPrescriptionLedger, FabricPrescriptionLedger>();
        services.AddSingleton<PrescriptionService>();
        services.AddMedChainRecordFlows();
        return builder;
    }

    /// <summary>The request pipeline: problem details for every failure, HTTPS only outside Development, then authentication.</summary>
    public static WebApplication UseMedChainGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Outermost, so it sees the status the exception handler wrote.
        app.UseMiddleware<RequestMetrics>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseMiddleware<RequireHttps>();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    private static bool IsWritableDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool IsHttps(string? uri) => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps;

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions storage)
    {
        var uri = new Uri(storage.ServiceUri);
        return storage.AccountName is { Length: > 0 } account
            ? new BlobServiceClient(uri, new StorageSharedKeyCredential(account, storage.AccountKey!))
            : new BlobServiceClient(uri, new DefaultAzureCredential());
    }
}
