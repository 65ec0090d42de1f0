using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.FabricGateway.Apis;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway;

/// <summary>Registers the service's parts; options are validated when the host starts.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddMedChainGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FabricOptions>().BindConfiguration(FabricOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.PrivateKeyPath), "Encryption:PrivateKeyPath must name an existing PEM file.")
            .ValidateOnStart();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.AddHealthChecks();

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
        services.AddSingleton<FabricConnection>();
        services.AddSingleton<IRecordLedger, FabricRecordLedger>();
        services.AddSingleton<RecordService>();
        return builder;
    }

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions storage)
    {
        var uri = new Uri(storage.ServiceUri);
        return storage.AccountName is { Length: > 0 } account
            ? new BlobServiceClient(uri, new StorageSharedKeyCredential(account, storage.AccountKey!))
            : new BlobServiceClient(uri, new DefaultAzureCredential());
    }
}
