using Azure;

namespace MedChain.OffchainStore.Blobs;

/// <summary>The outcome of a committed upload.</summary>
/// <param name="ETag">The committed blob's ETag.</param>
/// <param name="LastModified">Its last-modified time.</param>
/// <param name="Length">Bytes uploaded.</param>
/// <param name="BlockCount">Blocks committed.</param>
public sealed record BlobUploadResult(ETag ETag, DateTimeOffset? LastModified, long Length, int BlockCount);
