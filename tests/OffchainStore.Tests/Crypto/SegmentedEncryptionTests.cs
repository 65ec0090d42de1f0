using System.Security.Cryptography;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;

namespace MedChain.OffchainStore.Tests.Crypto;

/// <summary>The MCE1 streams on MemoryStreams: round trips, sizes and hashes.</summary>
public sealed class SegmentedEncryptionTests
{
    private const int _headerSize = 57;
    private const int _tagSize = 16;
    private const int _segment = 64;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(63, 1)]
    [InlineData(64, 1)]
    [InlineData(65, 2)]
    [InlineData(128, 2)]
    [InlineData(129, 3)]
    [InlineData(640, 10)]
    [InlineData(1000, 16)]
    public void RoundTrip_PayloadSize_ReturnsPlaintextWithExpectedSegments(int size, int segments)
    {
        using var key = DataKey.Generate();
        var plaintext = DeterministicStream.Bytes(size);

        var ciphertext = Crypt.Encrypt(plaintext, key, "rec-1", _segment);

        Assert.Equal(_headerSize + (segments * _tagSize) + size, ciphertext.Length);
        Assert.Equal(plaintext, Crypt.Decrypt(ciphertext, key, "rec-1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65536)]
    [InlineData(65536 * 3)]
    [InlineData((65536 * 3) + 17)]
    public async Task RoundTripAsync_DefaultSegmentSize_ReturnsPlaintextAndHashes(int size)
    {
        using var key = DataKey.Generate();
        var plaintext = DeterministicStream.Bytes(size);
        var ct = TestContext.Current.CancellationToken;

        using var ciphertext = new MemoryStream();
        await using (var encrypting = new EncryptingStream(new MemoryStream(plaintext), key, "rec-async"))
        {
            await encrypting.CopyToAsync(ciphertext, 1000, ct);
            Assert.True(encrypting.IsCompleted);
            Assert.Equal(SHA256.HashData(ciphertext.ToArray()), encrypting.GetCiphertextSha256());
            Assert.Equal(SHA256.HashData(plaintext), encrypting.GetPlaintextSha256());
            Assert.Equal(ciphertext.Length, encrypting.CiphertextLength);
            Assert.Equal(size, encrypting.PlaintextLength);
        }

        ciphertext.Position = 0;
        using var output = new MemoryStream();
        await using var decrypting = new DecryptingStream(ciphertext, key, "rec-async", new RecordDecryptionOptions { ComputePlaintextSha256 = true });
        await decrypting.CopyToAsync(output, 777, ct);

        Assert.Equal(plaintext, output.ToArray());
        Assert.True(decrypting.IsCompleted);
        Assert.Equal(SHA256.HashData(ciphertext.ToArray()), decrypting.GetCiphertextSha256());
        Assert.Equal(SHA256.HashData(plaintext), decrypting.GetPlaintextSha256());
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_GivesDifferentCiphertexts()
    {
        using var key = DataKey.Generate();
        var plaintext = DeterministicStream.Bytes(100);

        Assert.NotEqual(Crypt.Encrypt(plaintext, key, "r", _segment), Crypt.Encrypt(plaintext, key, "r", _segment));
    }

    [Fact]
    public void GetCiphertextSha256_BeforeEnd_Throws()
    {
        using var key = DataKey.Generate();
        using var encrypting = new EncryptingStream(new MemoryStream(new byte[1000]), key, "r", new RecordEncryptionOptions { SegmentSize = _segment });
        encrypting.ReadExactly(new byte[_headerSize + 10]);

        Assert.False(encrypting.IsCompleted);
        Assert.Throws<InvalidOperationException>(encrypting.GetCiphertextSha256);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16 * 1024 * 1024 + 1)]
    public void EncryptingStream_InvalidSegmentSize_Throws(int segmentSize)
    {
        using var key = DataKey.Generate();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new EncryptingStream(new MemoryStream(), key, "r", new RecordEncryptionOptions { SegmentSize = segmentSize }));
    }

    [Fact]
    public void DecryptingStream_ExpectedHashMatches_Succeeds()
    {
        using var key = DataKey.Generate();
        var plaintext = DeterministicStream.Bytes(300);
        var ciphertext = Crypt.Encrypt(plaintext, key, "r", _segment);

        var result = Crypt.Decrypt(ciphertext, key, "r", new RecordDecryptionOptions { ExpectedCiphertextSha256 = SHA256.HashData(ciphertext) });

        Assert.Equal(plaintext, result);
    }

    [Fact]
    public void DecryptingStream_ExpectedHashDiffers_FailsWithAnchorMismatch()
    {
        using var key = DataKey.Generate();
        var ciphertext = Crypt.Encrypt(DeterministicStream.Bytes(300), key, "r", _segment);
        var wrongHash = SHA256.HashData("something else"u8);

        var e = Assert.Throws<RecordIntegrityException>(() =>
            Crypt.Decrypt(ciphertext, key, "r", new RecordDecryptionOptions { ExpectedCiphertextSha256 = wrongHash }));

        Assert.Equal(RecordIntegrityError.AnchorMismatch, e.Error);
    }

    /// <summary>
    /// 256 MiB through encrypt and decrypt on one thread, synchronously, so that the thread's allocation counter
    /// sees every allocation of both streams: it must stay at a few segments, far below the payload.
    /// </summary>
    [Fact]
    public void EncryptThenDecrypt_256MiB_AllocatesFewSegmentsOnly()
    {
        const long size = 256L * 1024 * 1024;
        using var key = DataKey.Generate();
        using var expectedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var actualHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[81920];

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var source = new HashingStream(new DeterministicStream(size, 42), expectedHash))
        using (var encrypting = new EncryptingStream(source, key, "big"))
        using (var decrypting = new DecryptingStream(encrypting, key, "big"))
        {
            int n;
            while ((n = decrypting.Read(chunk)) > 0)
            {
                actualHash.AppendData(chunk, 0, n);
            }

            Assert.Equal(size, decrypting.PlaintextLength);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expectedHash.GetHashAndReset(), actualHash.GetHashAndReset());
        Assert.True(allocated < 2 * 1024 * 1024, $"The crypto streams allocated {allocated:N0} bytes for a 256 MiB payload.");
    }

    /// <summary>Hashes what passes through, so the source's hash is known without keeping it.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, n);
            return n;
        }

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
}
