using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;

namespace MedChain.OffchainStore.Tests.Crypto;

/// <summary>Every kind of change to an MCE1 ciphertext fails to decrypt, with a typed, clear error.</summary>
public sealed class TamperDetectionTests : IDisposable
{
    private const int _headerSize = 57;
    private const int _segment = 64;
    private const int _sealed = _segment + 16;
    private readonly DataKey _key = DataKey.Generate();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Decrypt_AnySingleBitFlipped_Fails()
    {
        // 150 bytes: segments of 64, 64 and 22 bytes.
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);

        for (var i = 0; i < ciphertext.Length; i++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(tampered, _key, "rec"));
        }
    }

    [Theory]
    [InlineData(_headerSize + 5, 0)]
    [InlineData(_headerSize + _sealed + 10, 1)]
    [InlineData(_headerSize + (2 * _sealed) + 3, 2)]
    [InlineData(_headerSize + (2 * _sealed) + 22 + 15, 2)]
    public void Decrypt_SegmentBodyOrTagFlipped_NamesTheSegment(int position, int segment)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);
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
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);
        ciphertext[position] ^= 0x01;

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, _key, "rec"));

        Assert.Equal(expected, e.Error);
        Assert.Null(e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_OtherRecordId_FailsWithRecordIdMismatch()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec-a", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, _key, "rec-b"));

        Assert.Equal(RecordIntegrityError.RecordIdMismatch, e.Error);
        Assert.Contains("rec-b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OtherDataKey_FailsWithKeyMismatch()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);
        using var other = DataKey.Generate();

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, other, "rec"));

        Assert.Equal(RecordIntegrityError.KeyMismatch, e.Error);
    }

    [Fact]
    public void Decrypt_WrongKeyBytesUnderSameId_FailsWithHeaderTampered()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);
        using var forged = DataKey.FromBytes(new byte[32], Convert.FromHexString(_key.Id));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext, forged, "rec"));

        Assert.Equal(RecordIntegrityError.HeaderTampered, e.Error);
    }

    [Fact]
    public void Decrypt_LastSegmentDropped_FailsWithTruncated()
    {
        // 128 bytes: two full segments, the second flagged last.
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(128), _key, "rec", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..^_sealed], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
        Assert.Equal(0, e.SegmentIndex);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_ShortLastSegmentDropped_FailsWithTruncated()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..(_headerSize + (2 * _sealed))], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    public void Decrypt_BytesDroppedFromEnd_Fails(int dropped)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..^dropped], _key, "rec"));

        Assert.Contains(e.Error, new[] { RecordIntegrityError.SegmentAuthenticationFailed, RecordIntegrityError.Truncated });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(_headerSize)]
    [InlineData(_headerSize + 10)]
    public void Decrypt_CutInsideHeaderOrFirstTag_FailsWithTruncated(int length)
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(150), _key, "rec", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(ciphertext[..length], _key, "rec"));

        Assert.Equal(RecordIntegrityError.Truncated, e.Error);
    }

    [Fact]
    public void Decrypt_SegmentsSwapped_FailsAtFirstSwappedSegment()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(200), _key, "rec", _segment);
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(_headerSize, _sealed).CopyTo(swapped.AsSpan(_headerSize + _sealed));
        ciphertext.AsSpan(_headerSize + _sealed, _sealed).CopyTo(swapped.AsSpan(_headerSize));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(swapped, _key, "rec"));

        Assert.Equal(RecordIntegrityError.SegmentAuthenticationFailed, e.Error);
        Assert.Equal(0, e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_SegmentSplicedFromOtherCiphertextOfSameKey_Fails()
    {
        var a = Crypt.Encrypt(DeterministicStream.Bytes(200, 1), _key, "rec", _segment);
        var b = Crypt.Encrypt(DeterministicStream.Bytes(200, 2), _key, "rec", _segment);
        b.AsSpan(_headerSize + _sealed, _sealed).CopyTo(a.AsSpan(_headerSize + _sealed));

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt(a, _key, "rec"));

        Assert.Equal(1, e.SegmentIndex);
    }

    [Fact]
    public void Decrypt_BytesAfterFinalSegment_FailsWithTrailingData()
    {
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(128), _key, "rec", _segment);

        var e = Assert.Throws<RecordIntegrityException>(() => Crypt.Decrypt([.. ciphertext, 0], _key, "rec"));

        Assert.Equal(RecordIntegrityError.TrailingData, e.Error);
    }

    [Fact]
    public void Read_TamperedThirdSegment_ReleasesOnlyVerifiedSegmentsThenKeepsFailing()
    {
        var plaintext = DeterministicStream.Bytes(150);
        var ciphertext = Crypt.Encrypt(plaintext, _key, "rec", _segment);
        ciphertext[_headerSize + (2 * _sealed) + 1] ^= 0x01;
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
        Assert.Equal(plaintext[..(2 * _segment)], released.ToArray());
        Assert.Throws<RecordIntegrityException>(() => decrypting.Read(buffer));
    }
}
