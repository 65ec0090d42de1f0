using System.Security.Cryptography;
using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Crypto;

/// <summary>
/// A read-only, forward-only stream that reads an MCE1 ciphertext and yields its plaintext. Each segment is
/// authenticated before any of its bytes are released; a failure throws <see cref="RecordIntegrityException"/>
/// (and keeps throwing on later reads). Memory stays at about two segments whatever the size.
/// </summary>
public sealed class DecryptingStream : SegmentedCryptoStream
{
    private readonly AesGcm _aes;
    private readonly DataKey _dataKey;
    private readonly string _recordId;
    private readonly RecordDecryptionOptions _options;
    private readonly IncrementalHash _ciphertextHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? _plaintextHash;
    private RecordHeader? _header;
    private byte[] _aad = [];
    private byte[] _input = [];
    private byte[] _plain = [];
    private int _segmentSize;
    private int _inputCount;
    private int _plainPos;
    private int _plainLen;
    private uint _counter;
    private bool _finalVerified;
    private byte[]? _ciphertextDigest;
    private RecordIntegrityException? _failure;

    /// <summary>Creates the stream; the header is read and verified on the first read.</summary>
    /// <param name="ciphertext">Source of ciphertext; read forward only, need not be seekable.</param>
    /// <param name="dataKey">The record's data key; must stay undisposed while the stream is read.</param>
    /// <param name="recordId">The record id the ciphertext must have been encrypted for.</param>
    /// <param name="options">Limits and checks; <see langword="null"/> for the defaults.</param>
    /// <param name="leaveOpen">Leave <paramref name="ciphertext"/> open when this stream is disposed.</param>
    public DecryptingStream(Stream ciphertext, DataKey dataKey, string recordId, RecordDecryptionOptions? options = null, bool leaveOpen = false)
        : base(ciphertext, dataKey, recordId, leaveOpen, nameof(ciphertext))
    {
        options ??= new RecordDecryptionOptions();
        options.Validate();
        _dataKey = dataKey;
        _recordId = recordId;
        _options = options;
        _aes = new AesGcm(dataKey.KeyBytes, SegmentCrypto.TagSize);
        _plaintextHash = options.ComputePlaintextSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>Plaintext bytes released so far.</summary>
    public long PlaintextLength { get; private set; }

    /// <summary>Ciphertext bytes consumed so far.</summary>
    public long CiphertextLength { get; private set; }

    /// <summary>True once the final segment has been verified and all plaintext read.</summary>
    public override bool IsCompleted => _finalVerified && _plainPos == _plainLen;

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_plainPos == _plainLen)
        {
            ThrowIfFailed();
            if (_finalVerified)
            {
                return 0;
            }

            if (_header is null)
            {
                var headerBytes = new byte[RecordHeader.Size];
                var got = FillSync(headerBytes, 0);
                AcceptHeader(headerBytes, got);
                continue;
            }

            _inputCount = FillSync(_input, _inputCount);
            DecryptSegment();
        }

        return CopyOut(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_plainPos == _plainLen)
        {
            ThrowIfFailed();
            if (_finalVerified)
            {
                return 0;
            }

            if (_header is null)
            {
                var headerBytes = new byte[RecordHeader.Size];
                var got = await FillAsync(headerBytes, 0, cancellationToken).ConfigureAwait(false);
                AcceptHeader(headerBytes, got);
                continue;
            }

            _inputCount = await FillAsync(_input, _inputCount, cancellationToken).ConfigureAwait(false);
            DecryptSegment();
        }

        return CopyOut(buffer.Span);
    }

    private int FillSync(byte[] target, int count)
    {
        while (count < target.Length)
        {
            var n = Source.Read(target, count, target.Length - count);
            if (n == 0)
            {
                break;
            }

            count += n;
        }

        return count;
    }

    private async ValueTask<int> FillAsync(byte[] target, int count, CancellationToken cancellationToken)
    {
        while (count < target.Length)
        {
            var n = await Source.ReadAsync(target.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            count += n;
        }

        return count;
    }

    private void AcceptHeader(byte[] headerBytes, int count)
    {
        try
        {
            _header = RecordHeader.Parse(headerBytes.AsSpan(0, count), _aes, _dataKey, _recordId, _options.MaxSegmentSize);
        }
        catch (RecordIntegrityException e)
        {
            _failure = e;
            throw;
        }

        _ciphertextHash.AppendData(_header.Bytes);
        CiphertextLength = RecordHeader.Size;
        _segmentSize = _header.SegmentSize;
        _aad = _header.SegmentAad(_recordId);
        // One byte more than a sealed segment: a full segment is the last one exactly when nothing follows it.
        _input = new byte[_segmentSize + SegmentCrypto.TagSize + 1];
        _plain = new byte[_segmentSize];
    }

    private void DecryptSegment()
    {
        var sealedSize = _segmentSize + SegmentCrypto.TagSize;
        var last = _inputCount <= sealedSize;
        var length = last ? _inputCount : sealedSize;
        if (length < SegmentCrypto.TagSize)
        {
            Fail(RecordIntegrityError.Truncated, _counter, length == 0
                ? $"Ciphertext truncated: it ends before segment {_counter}, and no final segment was seen."
                : $"Ciphertext truncated: segment {_counter} has {length} bytes, fewer than its tag.");
        }

        var sealedSegment = _input.AsSpan(0, length);
        if (!TryOpen(sealedSegment, last, out var plainLength))
        {
            // Tell truncation and trailing data apart from tampering: only the last-segment flag is wrong.
            if (length == sealedSize && TryOpen(sealedSegment, !last, out _))
            {
                CryptographicOperations.ZeroMemory(_plain);
                if (last)
                {
                    Fail(RecordIntegrityError.Truncated, _counter,
                        $"Ciphertext truncated: segment {_counter} is authentic but not the final segment, and nothing follows it.");
                }

                Fail(RecordIntegrityError.TrailingData, _counter,
                    $"Trailing data: bytes follow segment {_counter}, which is the final segment.");
            }

            Fail(RecordIntegrityError.SegmentAuthenticationFailed, _counter,
                $"Segment {_counter} failed authentication: the ciphertext was changed, reordered or spliced.");
        }

        _ciphertextHash.AppendData(sealedSegment);
        CiphertextLength += length;
        if (last)
        {
            _ciphertextDigest = _ciphertextHash.GetHashAndReset();
            if (_options.ExpectedCiphertextSha256 is { } expected &&
                !CryptographicOperations.FixedTimeEquals(expected.Span, _ciphertextDigest))
            {
                CryptographicOperations.ZeroMemory(_plain);
                Fail(RecordIntegrityError.AnchorMismatch, null,
                    $"Anchor mismatch: the ciphertext's SHA-256 is {Convert.ToHexStringLower(_ciphertextDigest)}, not the expected {Convert.ToHexStringLower(expected.Span)}.");
            }
        }

        _plaintextHash?.AppendData(_plain, 0, plainLength);
        if (last)
        {
            SetHashes(_ciphertextDigest!, _plaintextHash?.GetHashAndReset());
            _finalVerified = true;
            _inputCount = 0;
        }
        else
        {
            // Carry the look-ahead byte into the next segment.
            _input[0] = _input[sealedSize];
            _inputCount = 1;
        }

        _plainPos = 0;
        _plainLen = plainLength;
        _counter++;
    }

    private bool TryOpen(ReadOnlySpan<byte> sealedSegment, bool last, out int plainLength)
    {
        plainLength = sealedSegment.Length - SegmentCrypto.TagSize;
        Span<byte> nonce = stackalloc byte[SegmentCrypto.NonceSize];
        SegmentCrypto.SegmentNonce(_header!.NoncePrefix, _counter, last, nonce);
        try
        {
            // AesGcm verifies the tag and clears the output on mismatch, so nothing unauthenticated is released.
            _aes.Decrypt(nonce, sealedSegment[..plainLength], sealedSegment[plainLength..], _plain.AsSpan(0, plainLength), _aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private int CopyOut(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _plainLen - _plainPos);
        _plain.AsSpan(_plainPos, n).CopyTo(buffer);
        _plainPos += n;
        PlaintextLength += n;
        return n;
    }

    private void Fail(RecordIntegrityError error, long? segment, string message)
    {
        _failure = new RecordIntegrityException(error, segment, message);
        throw _failure;
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new RecordIntegrityException(_failure.Error, _failure.SegmentIndex, _failure.Message, _failure);
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
