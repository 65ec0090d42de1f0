using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MedChain.EmbeddedLedger.Persistence;

/// <summary>
/// The embedded ledger's durable state: an append-only file of committed blocks, each entry framed as
/// <c>magic "MCB1" | payload length (uint32 LE) | header check (first 4 bytes of SHA-256 of magic and length) |
/// SHA-256 of the payload (32 bytes) | payload (the block as JSON)</c>, flushed to disk before the block is applied.
/// At start-up every entry is checked and replayed in order. A torn or corrupt last entry (a crash mid-append) is
/// dropped: the file is truncated to the last whole entry and the fact logged; a damaged entry with whole
/// entries after it means the file itself was damaged, and opening refuses with <see cref="BlockLogCorruptException"/>.
/// </summary>
internal sealed class BlockLog : IDisposable
{
    public const string FileName = "blocks.log";
    internal const int HeaderSize = 4 + 4 + 4 + 32;
    private const int _maxPayload = 256 * 1024 * 1024;
    private static readonly byte[] _magic = "MCB1"u8.ToArray();
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.General);

    private readonly FileStream _file;

    private BlockLog(FileStream file) => _file = file;

    /// <summary>The log's path.</summary>
    public string Path => _file.Name;

    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/> and hands each whole block to
    /// <paramref name="replay"/> in order; a torn tail is truncated first.
    /// </summary>
    /// <exception cref="BlockLogCorruptException">An entry before the last is damaged, or a block does not follow its predecessor.</exception>
    public static BlockLog Open(string directory, Action<CommittedBlock> replay, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        // Exclusive: a second process appending to the same log would interleave blocks.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
        try
        {
            var end = ReadAll(file, path, replay, logger);
            if (end < file.Length)
            {
                file.SetLength(end);
                file.Flush(flushToDisk: true);
            }

            file.Seek(end, SeekOrigin.Begin);
            return new BlockLog(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="block"/> and flushes it to disk; on failure the file is cut back to where it was.</summary>
    public void Append(CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var entry = Encode(block);
        var start = _file.Position;
        try
        {
            _file.Write(entry);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            TryCut(start);
            throw;
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>One framed entry for <paramref name="block"/>.</summary>
    internal static byte[] Encode(CommittedBlock block)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(block, _json);
        if (payload.Length > _maxPayload)
        {
            throw new InvalidOperationException($"Block {block.Number} is {payload.Length} bytes; a block log entry holds at most {_maxPayload}.");
        }

        var entry = new byte[HeaderSize + payload.Length];
        _magic.CopyTo(entry, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), (uint)payload.Length);
        HeaderCheck(entry).CopyTo(entry.AsSpan(8));
        SHA256.HashData(payload).CopyTo(entry, 12);
        payload.CopyTo(entry, HeaderSize);
        return entry;
    }

    private static long ReadAll(FileStream file, string path, Action<CommittedBlock> replay, ILogger logger)
    {
        var length = file.Length;
        var offset = 0L;
        var header = new byte[HeaderSize];
        file.Seek(0, SeekOrigin.Begin);
        while (offset < length)
        {
            if (length - offset < HeaderSize)
            {
                return DropTail(path, offset, length, "its header is incomplete", logger);
            }

            file.ReadExactly(header);
            if (!header.AsSpan(0, 4).SequenceEqual(_magic) || !header.AsSpan(8, 4).SequenceEqual(HeaderCheck(header)))
            {
                // A zero-filled tail is what a crash leaves when the file grew before the data reached it.
                if (IsZeroFrom(file, offset, length))
                {
                    return DropTail(path, offset, length, "it is zero-filled", logger);
                }

                throw new BlockLogCorruptException(path, offset, "the entry header is damaged");
            }

            var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var entryEnd = offset + HeaderSize + payloadLength;
            if (payloadLength > _maxPayload)
            {
                throw new BlockLogCorruptException(path, offset, $"the entry claims {payloadLength} bytes");
            }

            if (entryEnd > length)
            {
                return DropTail(path, offset, length, "it is shorter than its header says", logger);
            }

            var payload = new byte[payloadLength];
            file.ReadExactly(payload);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(header.AsSpan(12, 32)))
            {
                if (entryEnd == length)
                {
                    return DropTail(path, offset, length, "its checksum does not match", logger);
                }

                throw new BlockLogCorruptException(path, offset, "the entry's checksum does not match and whole entries follow it");
            }

            CommittedBlock block;
            try
            {
                block = JsonSerializer.Deserialize<CommittedBlock>(payload, _json) ?? throw new JsonException("null block");
            }
            catch (JsonException e)
            {
                throw new BlockLogCorruptException(path, offset, $"the entry is not a block ({e.Message})");
            }

            try
            {
                replay(block);
            }
            catch (InvalidDataException e)
            {
                throw new BlockLogCorruptException(path, offset, e.Message);
            }

            offset = entryEnd;
        }

        return offset;
    }

    private static long DropTail(string path, long offset, long length, string why, ILogger logger)
    {
        EmbeddedLedgerLog.TornEntryDropped(logger, path, offset, length - offset, why);
        return offset;
    }

    private static bool IsZeroFrom(FileStream file, long offset, long length)
    {
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[64 * 1024];
        var remaining = length - offset;
        while (remaining > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0 || buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                return false;
            }

            remaining -= read;
        }

        return true;
    }

    private static byte[] HeaderCheck(ReadOnlySpan<byte> header) => SHA256.HashData(header[..8])[..4];

    private void TryCut(long start)
    {
        try
        {
            _file.SetLength(start);
            _file.Seek(start, SeekOrigin.Begin);
        }
        catch (IOException)
        {
            // Start-up drops a torn tail anyway; the caller already sees the original failure.
        }
    }
}

/// <summary>The block log is damaged before its last entry: the embedded ledger refuses to start rather than lose or invent state.</summary>
public sealed class BlockLogCorruptException(string path, long offset, string reason)
    : Exception($"The embedded ledger's block log {path} is damaged at byte {offset}: {reason}. It was not opened; restore it from a backup or move it aside to start an empty ledger.")
{
    /// <summary>The log file.</summary>
    public string LogPath { get; } = path;

    /// <summary>Where the damaged entry starts.</summary>
    public long Offset { get; } = offset;
}
