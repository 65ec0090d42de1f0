using Azure;

namespace MedChain.OffchainStore.Blobs;

/// <summary>
/// The few blob operations MedChain needs. <see cref="AzureBlobRestClient"/> implements it over the Blob REST API;
/// the official Azure.Storage.Blobs SDK can replace it in one class. Failures are
/// <see cref="RequestFailedException"/>s carrying the service's error code (see <see cref="BlobErrorCodes"/>).
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container; <see langword="false"/> if it already existed.</summary>
    Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="content"/> up as blocks (each with its Content-MD5) and commits them with one block
    /// list. Nothing is visible until the commit, so a failure part-way leaves no committed blob. With
    /// <see cref="BlobUploadOptions.IfNoneMatchStar"/> (the default) an existing blob is never overwritten: the
    /// commit fails with <see cref="BlobErrorCodes.BlobAlreadyExists"/>.
    /// </summary>
    Task<BlobUploadResult> UploadAsync(string container, string name, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob's content (or a byte range of it) as a stream read from the network as consumed.</summary>
    Task<Stream> DownloadAsync(string container, string name, HttpRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Size, ETag and metadata; a missing blob gives <see cref="BlobErrorCodes.BlobNotFound"/> (404).</summary>
    Task<BlobProperties> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; <see langword="false"/> if there was none.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists the blobs whose names start with <paramref name="prefix"/> (all when null), in name order.</summary>
    IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>The URI of a blob (no credentials in it).</summary>
    Uri GetBlobUri(string container, string name);
}
