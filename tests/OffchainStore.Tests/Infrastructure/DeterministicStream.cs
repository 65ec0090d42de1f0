namespace MedChain.OffchainStore.Tests.Infrastructure;

/// <summary>
/// A non-seekable stream of <c>length</c> pseudo-random bytes generated on the fly (xorshift64 from a seed),
/// so gigantic payloads need no memory and the same seed reproduces the same bytes.
/// </summary>
internal sealed class DeterministicStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    private ulong _state = seed == 0 ? 1 : seed;
    private long _position;

    /// <summary>Awaited after each asynchronous read with the position reached.</summary>
    public Func<long, Task>? AfterReadAsync { get; init; }

    public static byte[] Bytes(int length, ulong seed = 0x9E3779B97F4A7C15)
    {
        var bytes = new byte[length];
        using var stream = new DeterministicStream(length, seed);
        stream.ReadExactly(bytes);
        return bytes;
    }

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }

        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = Read(buffer.Span);
        if (AfterReadAsync is { } callback)
        {
            await callback(_position);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
