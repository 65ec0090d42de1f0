using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;

namespace MedChain.OffchainStore.Tests.Crypto;

/// <summary>Every kind of change to an MCE1 ciphertext fails to decrypt, with a typed, clear error.</summary>
public sealed class TamperDetectionTests : IDisposable
{
    private const int HeaderSize = 57;
    private const int Segment = 64;
    private const int Sealed = Segment + 16;
    private readonly DataKey _key = DataKey.Generate();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Decrypt_AnySingleBitFlipped_Fails()
    {
        // 150 bytes: segments of 64, 64 and 22 bytes.
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);

        for (var i = 0; i < ciphertext.Length; i++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(tampered, _key, "rec"));
        }
    }

    [Theory]
    [InlineData(HeaderSize + 5, 0)]
    [InlineData(HeaderSize + Sealed + 10, 1)]
    [InlineData(HeaderSize + (2 * Sealed) + 3, 2)]
    [InlineData(HeaderSize + (2 * Sealed) + 22 + 15, 2)]
    public void Decrypt_SegmentBodyOrTagFlipped_NamesTheSegment(int position, int segment)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);
        ciphertext[position] ^= 0x80;

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, _key, "rec"));

        Assert.Equal(RecordIntegrityError.SegmentAuthenticationFailed, e.Error);
        Assert.Equal(segment, e.SegmentIndex);
        Assert.Contains($"Segment {segment} failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, RecordIntegrityError.HeaderTampered)]          // magic
    [InlineData(4, RecordIntegrityError.UnsupportedFormat)]       // version
    [InlineData(9, RecordIntegrityError.HeaderTampered)]          // segment size
    [InlineData(12, RecordIntegrityError.KeyMismatch)]            // data key id
    [InlineData(28, RecordIntegrityError.HeaderTampered)]         // nonce prefix
    [InlineData(35, RecordIntegrityError.RecordIdMismatch)]       // record id digest
    [InlineData(50, RecordIntegrityError.HeaderTampered)]         // header tag
    public void Decrypt_HeaderByteChanged_FailsBeforeAnySegment(int position, RecordIntegrityError expected)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);
        ciphertext[position] ^= 0x01;

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, _key, "rec"));

        Assert.Equal(expected, e.Error);
        Assert.Null(e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_OtherRecordId_FailsWithRecordIdMismatch()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec-a", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, _key, "rec-b"));

        Assert.Equal(RecordIntegrityError.RecordIdMismatch, e.Error);
        Assert.Contains("rec-b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OtherDataKey_FailsWithKeyMismatch()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);
        using var other = DataKey.Generate();

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, other, "rec"));

        Assert.Equal(RecordIntegrityError.KeyMismatch, e.Error);
    }

    [Fact]
    public void Decrypt_WrongKeyBytesUnderSameId_FailsWithHeaderTampered()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);
        using var forged = DataKey.FromBytes(new byte[32], Convert.FromHexString(_key.Id));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, forged, "rec"));

        Assert.Equal(RecordIntegrityError.HeaderTampered, e.Error);
    }

    [Fact]
    public void Decrypt_LastSegmentDropped_FailsWithTruncated()
    {
        // 128 bytes: two full segments, the second flagged last.
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(128), _key, "rec", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..^Sealed], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
        Assert.Equal(0, e.SegmentIndex);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_ShortLastSegmentDropped_FailsWithTruncated()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..(HeaderSize + (2 * Sealed))], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    public void Decrypt_BytesDroppedFromEnd_Fails(int dropped)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..^dropped], _key, "rec"));

        Assert.Contains(e.Error, new[] { RecordIntegrityError.SegmentAuthenticationFailed, RecordIntegrityError.Truncated });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(HeaderSize)]
    [InlineData(HeaderSize + 10)]
    public void Decrypt_CutInsideHeaderOrFirstTag_FailsWithTruncated(int length)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..length], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
    }

    [Fact]
    public void Decrypt_SegmentsSwapped_FailsAtFirstSwappedSegment()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(200), _key, "rec", Segment);
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(HeaderSize, Sealed).CopyTo(swapped.AsSpan(HeaderSize + Sealed));
        ciphertext.AsSpan(HeaderSize + Sealed, Sealed).CopyTo(swapped.AsSpan(HeaderSize));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(swapped, _key, "rec"));

        Assert.Equal(RecordIntegrityError.SegmentAuthenticationFailed, e.Error);
        Assert.Equal(0, e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_SegmentSplicedFromOtherCiphertextOfSameKey_Fails()
    {
        var a = Crypt.Encrypt(DeterministicStream.Bytes(200, 1), _key, "rec", Segment);
        var b = Crypt.Encrypt(DeterministicStream.Bytes(200, 2), _key, "rec", Segment);
        b.AsSpan(HeaderSize + Sealed, Sealed).CopyTo(a.AsSpan(HeaderSize + Sealed));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(a, _key, "rec"));

        Assert.Equal(1, e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_BytesAfterFinalSegment_FailsWithTrailingData()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(128), _key, "rec", Segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt([.. ciphertext, 0], _key, "rec"));

        Assert.Equal(RecordIntegrityError.TrailingData, e.Error);
    }

    [Fact]
    public void Read_TamperedThirdSegment_ReleasesOnlyVerifiedSegmentsThenKeepsFailing()
    {
        var plaintext = DeterministicStream.Bytes(150);
        var ciphertext = Crypt.Encrypt(plaintext, _key, "rec", Segment);
        ciphertext[HeaderSize + (2 * Sealed) + 1] ^= 0x01;
        using var decrypting = new DecryptingStream(new MemoryStream(ciphertext), _key, "rec");
        var released = new List<byte>();
        var buffer = new byte[7];

        var e = Assert.Throws<RecordIntegrityException>(() =>
        {
            int n;
            while ((n = decrypting.Read(buffer)) > 0)
            {
                released.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        });

        Assert.Equal(2, e.SegmentIndex);
        Assert.Equal(plaintext[..(2 * Segment)], released.ToArray());
        Assert.Throws<RecordIntegrityException>(() => decrypting.Read(buffer));
    }
}
