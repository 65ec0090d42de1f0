using Azure;

namespace MedChain.OffchainStore.Blobs;

/// <summary>A blob's system properties and metadata.</summary>
/// <param name="Length">Content length in bytes.</param>
/// <param name="ETag">ETag.</param>
/// <param name="LastModified">Last-modified time, when the service sent one.</param>
/// <param name="ContentType">Content type, when set.</param>
/// <param name="Metadata">User metadata (names case-insensitive).</param>
public sealed record BlobProperties(long Length, ETag ETag, DateTimeOffset? LastModified, string? ContentType, IReadOnlyDictionary<string, string> Metadata);
