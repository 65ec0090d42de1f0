using System.Security.Cryptography;

namespace MedChain.OffchainStore.Keys;

/// <summary>
/// A per-record 256-bit AES data key and its random 128-bit id. The id is written into the ciphertext header
/// and into every wrapped copy of the key, so a key and a ciphertext that don't belong together are told apart
/// before any decryption is attempted.
/// </summary>
public sealed class DataKey : IDisposable
{
    /// <summary>Key length in bytes (AES-256).</summary>
    public const int KeySize = 32;

    /// <summary>Key id length in bytes.</summary>
    public const int IdSize = 16;

    private readonly byte[] _key;
    private readonly byte[] _id;
    private bool _disposed;

    private DataKey(byte[] key, byte[] id)
    {
        _key = key;
        _id = id;
        Id = Convert.ToHexStringLower(id);
    }

    /// <summary>The key id as 32 lower-case hex characters.</summary>
    public string Id { get; }

    /// <summary>Generates a fresh random key with a fresh random id.</summary>
    public static DataKey Generate() =>
        new(RandomNumberGenerator.GetBytes(KeySize), RandomNumberGenerator.GetBytes(IdSize));

    /// <summary>Rebuilds a key from its bytes and id (e.g. after unwrapping).</summary>
    public static DataKey FromBytes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> id)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A data key is {KeySize} bytes, not {key.Length}.", nameof(key));
        }

        if (id.Length != IdSize)
        {
            throw new ArgumentException($"A data key id is {IdSize} bytes, not {id.Length}.", nameof(id));
        }

        return new DataKey(key.ToArray(), id.ToArray());
    }

    internal ReadOnlySpan<byte> KeyBytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    internal ReadOnlySpan<byte> IdBytes => _id;

    /// <summary>Zeroes the key material.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }
}
