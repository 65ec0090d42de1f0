using System.Security.Cryptography;
using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Crypto;

/// <summary>
/// A read-only, forward-only stream that reads plaintext from a source stream and yields the MCE1 ciphertext:
/// the authenticated header, then AES-256-GCM segments (ciphertext ‖ 16-byte tag), the last one flagged in its
/// nonce. Memory stays at about two segments whatever the size; the SHA-256 of the ciphertext (and optionally of
/// the plaintext) is computed on the way, and is available once the stream has been read to its end.
/// </summary>
public sealed class EncryptingStream : SegmentedCryptoStream
{
    private readonly AesGcm _aes;
    private readonly RecordHeader _header;
    private readonly byte[] _aad;
    private readonly int _segmentSize;
    private readonly byte[] _plain;
    private readonly byte[] _output;
    private readonly IncrementalHash _ciphertextHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? _plaintextHash;
    private int _plainCount;
    private int _outputPos;
    private int _outputLen;
    private uint _counter;
    private bool _finalProduced;

    /// <summary>Creates the stream; the header (with a fresh random nonce prefix) is produced on the first read.</summary>
    /// <param name="plaintext">Source of plaintext; read forward only, need not be seekable.</param>
    /// <param name="dataKey">The record's data key; must stay undisposed while the stream is read.</param>
    /// <param name="recordId">The record id, bound to the ciphertext as associated data.</param>
    /// <param name="options">Segment size and hashing; <see langword="null"/> for the defaults.</param>
    /// <param name="leaveOpen">Leave <paramref name="plaintext"/> open when this stream is disposed.</param>
    public EncryptingStream(Stream plaintext, DataKey dataKey, string recordId, RecordEncryptionOptions? options = null, bool leaveOpen = false)
        : base(plaintext, dataKey, recordId, leaveOpen, nameof(plaintext))
    {
        options ??= new RecordEncryptionOptions();
        options.Validate();
        _segmentSize = options.SegmentSize;
        _aes = new AesGcm(dataKey.KeyBytes, SegmentCrypto.TagSize);
        _header = RecordHeader.Create(_aes, dataKey, recordId, _segmentSize);
        _aad = _header.SegmentAad(recordId);
        // One byte more than a segment: a full segment is only known not to be the last once a further byte is seen.
        _plain = new byte[_segmentSize + 1];
        _output = new byte[Math.Max(_segmentSize + SegmentCrypto.TagSize, RecordHeader.Size)];
        _plaintextHash = options.ComputePlaintextSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

        _header.Bytes.CopyTo(_output, 0);
        _outputLen = RecordHeader.Size;
        _ciphertextHash.AppendData(_header.Bytes);
        CiphertextLength = RecordHeader.Size;
    }

    /// <summary>Ciphertext bytes produced so far (all of them once <see cref="IsCompleted"/>).</summary>
    public long CiphertextLength { get; private set; }

    /// <summary>Plaintext bytes consumed and encrypted so far.</summary>
    public long PlaintextLength { get; private set; }

    /// <summary>Number of segments produced so far.</summary>
    public long SegmentCount => _counter;

    /// <summary>True once the final segment has been produced and read.</summary>
    public override bool IsCompleted => _finalProduced && _outputPos == _outputLen;

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_outputPos == _outputLen)
        {
            if (_finalProduced)
            {
                return 0;
            }

            while (_plainCount < _plain.Length)
            {
                var n = Source.Read(_plain, _plainCount, _plain.Length - _plainCount);
                if (n == 0)
                {
                    break;
                }

                _plainCount += n;
            }

            ProduceSegment();
        }

        return CopyOut(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_outputPos == _outputLen)
        {
            if (_finalProduced)
            {
                return 0;
            }

            while (_plainCount < _plain.Length)
            {
                var n = await Source.ReadAsync(_plain.AsMemory(_plainCount), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                _plainCount += n;
            }

            ProduceSegment();
        }

        return CopyOut(buffer.Span);
    }

    private int CopyOut(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _outputLen - _outputPos);
        _output.AsSpan(_outputPos, n).CopyTo(buffer);
        _outputPos += n;
        return n;
    }

    /// <summary>Encrypts the next segment from <see cref="_plain"/> (full and not last, or whatever is left and last).</summary>
    private void ProduceSegment()
    {
        var last = _plainCount <= _segmentSize;
        var length = last ? _plainCount : _segmentSize;
        if (_counter > SegmentCrypto.MaxSegments)
        {
            throw new InvalidOperationException("The plaintext is too large for this segment size (segment counter exhausted).");
        }

        Span<byte> nonce = stackalloc byte[SegmentCrypto.NonceSize];
        SegmentCrypto.SegmentNonce(_header.NoncePrefix, _counter, last, nonce);
        var plain = _plain.AsSpan(0, length);
        _aes.Encrypt(nonce, plain, _output.AsSpan(0, length), _output.AsSpan(length, SegmentCrypto.TagSize), _aad);
        _plaintextHash?.AppendData(plain);
        CryptographicOperations.ZeroMemory(plain);

        _outputPos = 0;
        _outputLen = length + SegmentCrypto.TagSize;
        _ciphertextHash.AppendData(_output, 0, _outputLen);
        CiphertextLength += _outputLen;
        PlaintextLength += length;
        _counter++;

        if (last)
        {
            _plainCount = 0;
            _finalProduced = true;
            SetHashes(_ciphertextHash.GetHashAndReset(), _plaintextHash?.GetHashAndReset());
        }
        else
        {
            // Carry the look-ahead byte into the next segment.
            _plain[0] = _plain[_segmentSize];
            _plainCount = 1;
        }
    }

    protected override void DisposeResources()
    {
        _aes.Dispose();
        _ciphertextHash.Dispose();
        _plaintextHash?.Dispose();
        CryptographicOperations.ZeroMemory(_plain);
    }
}
