using Azure;

namespace MedChain.OffchainStore.Blobs;

/// <summary>One entry of a blob listing.</summary>
/// <param name="Name">Blob name.</param>
/// <param name="Length">Content length in bytes.</param>
/// <param name="ETag">ETag.</param>
/// <param name="LastModified">Last-modified time.</param>
public sealed record BlobItem(string Name, long Length, ETag ETag, DateTimeOffset? LastModified);
