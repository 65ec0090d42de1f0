using Azure.Storage.Blobs;

namespace MedChain.OffchainStore.Tests.Infrastructure;

internal static class StoreFactory
{
    /// <summary>A store on fresh containers, so that tests don't see each other's records.</summary>
    public static (OffchainRecordStore Store, BlobServiceClient Blobs, OffchainStoreOptions Options) Create(Uri endpoint)
    {
        var blobs = Blob.Client(endpoint);
        var options = new OffchainStoreOptions { RecordsContainer = Blob.NewContainer(), KeysContainer = Blob.NewContainer() };
        return (new OffchainRecordStore(blobs, options), blobs, options);
    }
}
