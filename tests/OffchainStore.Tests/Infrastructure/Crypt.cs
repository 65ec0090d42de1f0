using System.Security.Cryptography;
using MedChain.OffchainStore.Crypto;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Tests.Infrastructure;

/// <summary>In-memory encrypt/decrypt helpers for the crypto tests.</summary>
internal static class Crypt
{
    public static byte[] Encrypt(byte[] plaintext, DataKey key, string recordId, int segmentSize)
    {
        using var source = new MemoryStream(plaintext);
        using var encrypting = new EncryptingStream(source, key, recordId, new RecordEncryptionOptions { SegmentSize = segmentSize });
        using var output = new MemoryStream();
        encrypting.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Decrypt(byte[] ciphertext, DataKey key, string recordId, RecordDecryptionOptions? options = null)
    {
        using var source = new MemoryStream(ciphertext);
        using var decrypting = new DecryptingStream(source, key, recordId, options);
        using var output = new MemoryStream();
        decrypting.CopyTo(output);
        return output.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
