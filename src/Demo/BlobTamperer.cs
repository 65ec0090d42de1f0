using Azure.Storage;
using Azure.Storage.Blobs;

namespace MedChain.Demo;

/// <summary>The attacker of the story: changes one byte of a record's ciphertext directly in blob storage, bypassing the service.</summary>
public static class BlobTamperer
{
    // Inside the ciphertext's authenticated header (offset 28: its nonce prefix), so the change is found before any content is read.
    private const int _offset = 28;

    public static async Task TamperAsync(BlobServiceClient blobs, string recordsContainer, string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var blob = blobs.GetBlobContainerClient(recordsContainer).GetBlobClient(recordId);
        var bytes = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        bytes[Math.Min(_offset, bytes.Length - 1)] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public static BlobServiceClient Connect(RunStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new BlobServiceClient(storage.ServiceUri, new StorageSharedKeyCredential(storage.AccountName, storage.AccountKey));
    }
}
