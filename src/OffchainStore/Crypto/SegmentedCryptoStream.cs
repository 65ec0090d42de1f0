using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Crypto;

/// <summary>
/// What the encrypting and decrypting streams share: read-only and forward-only, with the SHA-256 of the
/// ciphertext (and optionally of the plaintext) known once the stream has been read to its end.
/// </summary>
public abstract class SegmentedCryptoStream : Stream
{
    private readonly bool _leaveOpen;
    private byte[]? _ciphertextSha256;
    private byte[]? _plaintextSha256;

    /// <summary>Checks and keeps the source every read draws from.</summary>
    /// <param name="source">The stream to transform; read forward only, need not be seekable.</param>
    /// <param name="dataKey">The record's data key.</param>
    /// <param name="recordId">The record id bound to the ciphertext.</param>
    /// <param name="leaveOpen">Leave <paramref name="source"/> open when this stream is disposed.</param>
    /// <param name="sourceName">The source's name in the derived constructor, for error messages.</param>
    private protected SegmentedCryptoStream(Stream source, DataKey dataKey, string recordId, bool leaveOpen, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(source, sourceName);
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        if (!source.CanRead)
        {
            throw new ArgumentException($"The {sourceName} stream must be readable.", sourceName);
        }

        Source = source;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The stream transformed.</summary>
    private protected Stream Source { get; }

    /// <summary>True once the stream has been read to its end and the hashes are known.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>SHA-256 of the complete ciphertext; only once <see cref="IsCompleted"/>.</summary>
    public byte[] GetCiphertextSha256() =>
        (byte[])(_ciphertextSha256 ?? throw new InvalidOperationException("The ciphertext hash is known only once the stream has been read to its end.")).Clone();

    /// <summary>SHA-256 of the plaintext, or <see langword="null"/> if not computed; only once <see cref="IsCompleted"/>.</summary>
    public byte[]? GetPlaintextSha256() =>
        IsCompleted
            ? (byte[]?)_plaintextSha256?.Clone()
            : throw new InvalidOperationException("The plaintext hash is known only once the stream has been read to its end.");

    /// <summary>True once disposed.</summary>
    protected bool IsDisposed { get; private set; }

    public override bool CanRead => !IsDisposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length is known only at the end of the stream.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Records the final hashes when the last segment has been processed.</summary>
    protected void SetHashes(byte[] ciphertextSha256, byte[]? plaintextSha256)
    {
        _ciphertextSha256 = ciphertextSha256;
        _plaintextSha256 = plaintextSha256;
    }

    /// <summary>Releases the derived stream's resources once; called from <see cref="Dispose(bool)"/>.</summary>
    protected abstract void DisposeResources();

    protected sealed override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            IsDisposed = true;
            DisposeResources();
            if (!_leaveOpen)
            {
                Source.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
