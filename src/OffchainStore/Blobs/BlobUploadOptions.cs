namespace MedChain.OffchainStore.Blobs;

/// <summary>Options of <see cref="IBlobStore.UploadAsync"/>.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Default block size: 4 MiB.</summary>
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>Largest block size accepted: 100 MiB.</summary>
    public const int MaxBlockSize = 100 * 1024 * 1024;

    /// <summary>
    /// Commit with <c>If-None-Match: *</c>, so an existing blob is never overwritten. Default
    /// <see langword="true"/> (records are write-once).
    /// </summary>
    public bool IfNoneMatchStar { get; set; } = true;

    /// <summary>Blob metadata (names must be C# identifiers, values ASCII). Default: none.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Bytes per block, 1 B to 100 MiB; two block buffers are held in memory (one being read while the other is sent). Default 4 MiB.</summary>
    public int BlockSize { get; set; } = DefaultBlockSize;

    /// <summary>The blob's content type. Default <c>application/octet-stream</c>.</summary>
    public string ContentType { get; set; } = "application/octet-stream";

    internal void Validate()
    {
        if (BlockSize is < 1 or > MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, $"BlockSize must be between 1 and {MaxBlockSize} bytes.");
        }

        foreach (var (name, value) in Metadata)
        {
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Metadata name '{name}' is not a valid identifier.", nameof(Metadata));
            }

            if (value is null || value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"Metadata value of '{name}' must be printable ASCII.", nameof(Metadata));
            }
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ContentType);
    }
}
