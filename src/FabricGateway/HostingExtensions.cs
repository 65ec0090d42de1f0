using Azure;
using Azure.Identity;
using MedChain.FabricGateway.Apis;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Blobs;
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

        services.AddSingleton<IBlobStore>(sp => CreateBlobClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new OffchainRecordStore(
                sp.GetRequiredService<IBlobStore>(),
                new OffchainStoreOptions { RecordsContainer = storage.RecordsContainer, KeysContainer = storage.KeysContainer },
                sp.GetRequiredService<ILogger<OffchainRecordStore>>());
        });
        services.AddSingleton<OrganizationKeys>();
        services.AddSingleton<FabricConnection>();
        services.AddSingleton<IRecordLedger, FabricRecordLedger>();
        services.AddSingleton<RecordService>();
        return builder;
    }

    private static AzureBlobRestClient CreateBlobClient(StorageOptions storage)
    {
        var uri = new Uri(storage.ServiceUri);
        return storage.AccountName is { Length: > 0 } account
            ? new AzureBlobRestClient(uri, new AzureNamedKeyCredential(account, storage.AccountKey!))
            : new AzureBlobRestClient(uri, new DefaultAzureCredential());
    }
}
