using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;

namespace MedChain.Benchmarks;

/// <summary>Segmented stream encryption and decryption next to raw AES-256-GCM over the same bytes.</summary>
public class CryptoBenchmarks
{
    private const int _segment = RecordEncryptionOptions.DefaultSegmentSize;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _plain = new byte[_segment];
    private readonly byte[] _cipher = new byte[_segment];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _readBuffer = new byte[81920];
    private byte[] _ciphertext = [];
    private DataKey _dataKey = null!;

    [Params(1 << 20, 64 << 20)]
    public int SizeBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataKey = DataKey.Generate();
        using var encrypting = new EncryptingStream(new ZeroStream(SizeBytes), _dataKey, "bench");
        using var output = new MemoryStream();
        encrypting.CopyTo(output);
        _ciphertext = output.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _dataKey.Dispose();

    /// <summary>AesGcm.Encrypt over 64 KiB chunks: the ceiling for the streams.</summary>
    [Benchmark(Baseline = true)]
    public void RawAesGcm()
    {
        using var aes = new AesGcm(_key, 16);
        for (long done = 0; done < SizeBytes; done += _segment)
        {
            var n = (int)Math.Min(_segment, SizeBytes - done);
            _nonce[0]++;
            aes.Encrypt(_nonce, _plain.AsSpan(0, n), _cipher.AsSpan(0, n), _tag);
        }
    }

    /// <summary>SHA-256 over the same bytes: the streams hash the ciphertext (and optionally the plaintext) as they go.</summary>
    [Benchmark]
    public byte[] RawSha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long done = 0; done < SizeBytes; done += _segment)
        {
            hash.AppendData(_plain.AsSpan(0, (int)Math.Min(_segment, SizeBytes - done)));
        }

        return hash.GetHashAndReset();
    }

    [Benchmark]
    public long EncryptingStream()
    {
        using var encrypting = new EncryptingStream(new ZeroStream(SizeBytes), _dataKey, "bench");
        long total = 0;
        int n;
        while ((n = encrypting.Read(_readBuffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    [Benchmark]
    public long DecryptingStream()
    {
        using var decrypting = new DecryptingStream(new MemoryStream(_ciphertext, writable: false), _dataKey, "bench");
        long total = 0;
        int n;
        while ((n = decrypting.Read(_readBuffer)) > 0)
        {
            total += n;
        }

        return total;
    }
}
