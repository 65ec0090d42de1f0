using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// The fixed 57-byte header of an MCE1 ciphertext:
/// magic "MCE1" (4) | format version (1) | algorithm (1) | segment size, big-endian (4) | data key id (16) |
/// nonce prefix (7) | first 8 bytes of SHA-256(record id) (8) | header tag (16).
/// The tag is AES-GCM over an empty plaintext with the header body and record id as associated data, under a
/// nonce no segment can use, so a changed header fails on its own, before any segment is touched.
/// </summary>
internal sealed class RecordHeader
{
    public const int Size = BodySize + SegmentCrypto.TagSize;
    public const int BodySize = 41;
    public const byte CurrentVersion = 1;
    public const byte AesGcmStream = 1;
    public const int MinSegmentSize = 16;
    public const int MaxSegmentSize = 16 * 1024 * 1024;
    private const int _recordDigestSize = 8;

    private static ReadOnlySpan<byte> Magic => "MCE1"u8;

    private RecordHeader(byte[] bytes, int segmentSize, byte[] noncePrefix)
    {
        Bytes = bytes;
        SegmentSize = segmentSize;
        NoncePrefix = noncePrefix;
    }

    /// <summary>The whole serialized header, including its tag.</summary>
    public byte[] Bytes { get; }

    public int SegmentSize { get; }

    public byte[] NoncePrefix { get; }

    public static RecordHeader Create(AesGcm aes, DataKey key, string recordId, int segmentSize)
    {
        var bytes = new byte[Size];
        Magic.CopyTo(bytes);
        bytes[4] = CurrentVersion;
        bytes[5] = AesGcmStream;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(6), segmentSize);
        key.IdBytes.CopyTo(bytes.AsSpan(10));
        var prefix = RandomNumberGenerator.GetBytes(SegmentCrypto.NoncePrefixSize);
        prefix.CopyTo(bytes.AsSpan(26));
        RecordDigest(recordId).CopyTo(bytes.AsSpan(33));

        Span<byte> nonce = stackalloc byte[SegmentCrypto.NonceSize];
        SegmentCrypto.HeaderNonce(prefix, nonce);
        aes.Encrypt(nonce, [], [], bytes.AsSpan(BodySize, SegmentCrypto.TagSize), HeaderAad(bytes, recordId));
        return new RecordHeader(bytes, segmentSize, prefix);
    }

    /// <summary>Parses and authenticates a header; every failure is a <see cref="RecordIntegrityException"/>.</summary>
    public static RecordHeader Parse(ReadOnlySpan<byte> bytes, AesGcm aes, DataKey key, string recordId, int maxSegmentSize)
    {
        if (bytes.Length < Size)
        {
            throw new RecordIntegrityException(RecordIntegrityError.Truncated, null,
                $"Ciphertext truncated: the header needs {Size} bytes, only {bytes.Length} present.");
        }

        if (!bytes[..4].SequenceEqual(Magic))
        {
            throw new RecordIntegrityException(RecordIntegrityError.HeaderTampered, null,
                "Header tampered: the ciphertext does not start with the MCE1 magic.");
        }

        if (bytes[4] != CurrentVersion || bytes[5] != AesGcmStream)
        {
            throw new RecordIntegrityException(RecordIntegrityError.UnsupportedFormat, null,
                $"Unsupported ciphertext format version {bytes[4]} / algorithm {bytes[5]} (this reader knows version {CurrentVersion}, algorithm {AesGcmStream}); the header may have been tampered with.");
        }

        var segmentSize = BinaryPrimitives.ReadInt32BigEndian(bytes[6..]);
        if (segmentSize < MinSegmentSize || segmentSize > maxSegmentSize)
        {
            throw new RecordIntegrityException(RecordIntegrityError.HeaderTampered, null,
                $"Header tampered: segment size {segmentSize} is outside {MinSegmentSize}..{maxSegmentSize} bytes.");
        }

        if (!bytes.Slice(33, _recordDigestSize).SequenceEqual(RecordDigest(recordId)))
        {
            throw new RecordIntegrityException(RecordIntegrityError.RecordIdMismatch, null,
                $"Record id mismatch: this ciphertext was not encrypted for record '{recordId}' (moved from another record, or its header was tampered with).");
        }

        if (!bytes.Slice(10, DataKey.IdSize).SequenceEqual(key.IdBytes))
        {
            throw new RecordIntegrityException(RecordIntegrityError.KeyMismatch, null,
                $"Key mismatch: the ciphertext names data key {Convert.ToHexStringLower(bytes.Slice(10, DataKey.IdSize))}, not {key.Id} (or its header was tampered with).");
        }

        var copy = bytes[..Size].ToArray();
        var prefix = copy.AsSpan(26, SegmentCrypto.NoncePrefixSize).ToArray();
        Span<byte> nonce = stackalloc byte[SegmentCrypto.NonceSize];
        SegmentCrypto.HeaderNonce(prefix, nonce);
        try
        {
            aes.Decrypt(nonce, [], copy.AsSpan(BodySize, SegmentCrypto.TagSize), [], HeaderAad(copy, recordId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new RecordIntegrityException(RecordIntegrityError.HeaderTampered, null,
                "Header tampered: the header failed authentication.", e);
        }

        return new RecordHeader(copy, segmentSize, prefix);
    }

    /// <summary>Associated data of every segment: the full header, then the length-prefixed record id.</summary>
    public byte[] SegmentAad(string recordId) => Aad(Bytes, recordId);

    private static byte[] HeaderAad(ReadOnlySpan<byte> header, string recordId) => Aad(header[..BodySize], recordId);

    private static byte[] Aad(ReadOnlySpan<byte> prefix, string recordId)
    {
        var id = Encoding.UTF8.GetBytes(recordId);
        var aad = new byte[prefix.Length + 4 + id.Length];
        prefix.CopyTo(aad);
        BinaryPrimitives.WriteInt32BigEndian(aad.AsSpan(prefix.Length), id.Length);
        id.CopyTo(aad.AsSpan(prefix.Length + 4));
        return aad;
    }

    private static byte[] RecordDigest(string recordId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(recordId))[.._recordDigestSize];
}
