using System.Buffers.Binary;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// Nonce layout of the segmented AES-GCM stream (after Hoang–Reyhanitabar–Rogaway–Vizár's STREAM, as in Tink):
/// 7-byte random prefix | 4-byte big-endian segment counter | 1-byte flag (0 = more follow, 1 = last segment).
/// Counter 0xFFFFFFFF with flag 2 is reserved for the header tag.
/// </summary>
internal static class SegmentCrypto
{
    public const int NonceSize = 12;
    public const int NoncePrefixSize = 7;
    public const int TagSize = 16;
    public const uint MaxSegments = uint.MaxValue - 1;

    public static void SegmentNonce(ReadOnlySpan<byte> prefix, uint counter, bool last, Span<byte> nonce)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixSize..], counter);
        nonce[NonceSize - 1] = last ? (byte)1 : (byte)0;
    }

    public static void HeaderNonce(ReadOnlySpan<byte> prefix, Span<byte> nonce)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixSize..], uint.MaxValue);
        nonce[NonceSize - 1] = 2;
    }
}
