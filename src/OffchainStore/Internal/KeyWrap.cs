using System.Security.Cryptography;
using System.Text;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Internal;

/// <summary>ECIES-style wrapping of data keys: ephemeral-static ECDH P-256, HKDF-SHA256, AES-256-GCM.</summary>
internal static class KeyWrap
{
    private const int _nonceSize = 12;
    private const int _tagSize = 16;

    public static WrappedDataKey Wrap(DataKey dataKey, string recordId, OrgPublicKey recipient, TimeProvider time)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var recipientKey = recipient.CreateKey();
        var ephemeralSpki = ephemeral.ExportSubjectPublicKeyInfo();
        var shared = ephemeral.DeriveRawSecretAgreement(recipientKey.PublicKey);
        var info = Info(recordId, recipient.KeyId, dataKey.Id);
        var kek = DeriveKek(shared, ephemeralSpki, recipient.SubjectPublicKeyInfo, info);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(_nonceSize);
            var ciphertext = new byte[DataKey.KeySize];
            var tag = new byte[_tagSize];
            using var aes = new AesGcm(kek, _tagSize);
            aes.Encrypt(nonce, dataKey.KeyBytes, ciphertext, tag, info);
            return new WrappedDataKey
            {
                Format = WrappedDataKey.CurrentFormat,
                RecordId = recordId,
                RecipientKeyId = recipient.KeyId,
                DataKeyId = dataKey.Id,
                EphemeralPublicKey = Convert.ToBase64String(ephemeralSpki),
                Nonce = Convert.ToBase64String(nonce),
                Ciphertext = Convert.ToBase64String(ciphertext),
                Tag = Convert.ToBase64String(tag),
                CreatedAt = time.GetUtcNow(),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>Unwraps; a key for another record, recipient or tampered with gives a <see cref="CryptographicException"/>.</summary>
    public static DataKey Unwrap(WrappedDataKey wrapped, string recordId, OrgKeyPair me)
    {
        if (wrapped.RecordId != recordId)
        {
            throw new CryptographicException($"The wrapped key belongs to record '{wrapped.RecordId}', not '{recordId}'.");
        }

        if (wrapped.RecipientKeyId != me.KeyId)
        {
            throw new CryptographicException($"The wrapped key is for key {wrapped.RecipientKeyId}, not {me.KeyId}.");
        }

        byte[] ephemeralSpki, nonce, ciphertext, tag, dataKeyId;
        try
        {
            ephemeralSpki = Convert.FromBase64String(wrapped.EphemeralPublicKey);
            nonce = Convert.FromBase64String(wrapped.Nonce);
            ciphertext = Convert.FromBase64String(wrapped.Ciphertext);
            tag = Convert.FromBase64String(wrapped.Tag);
            dataKeyId = Convert.FromHexString(wrapped.DataKeyId);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The wrapped key has malformed fields.", e);
        }

        if (nonce.Length != _nonceSize || tag.Length != _tagSize || ciphertext.Length != DataKey.KeySize || dataKeyId.Length != DataKey.IdSize)
        {
            throw new CryptographicException("The wrapped key has fields of the wrong size.");
        }

        using var ephemeral = ECDiffieHellman.Create();
        ephemeral.ImportSubjectPublicKeyInfo(ephemeralSpki, out _);
        OrgPublicKey.EnsureP256(ephemeral);
        var shared = me.DeriveSharedSecret(ephemeral.PublicKey);
        var info = Info(recordId, me.KeyId, wrapped.DataKeyId);
        var kek = DeriveKek(shared, ephemeralSpki, me.PublicKey.SubjectPublicKeyInfo, info);
        var key = new byte[DataKey.KeySize];
        try
        {
            using var aes = new AesGcm(kek, _tagSize);
            aes.Decrypt(nonce, ciphertext, tag, key, info);
            return DataKey.FromBytes(key, dataKeyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] DeriveKek(byte[] shared, ReadOnlySpan<byte> ephemeralSpki, ReadOnlySpan<byte> recipientSpki, byte[] info)
    {
        // Both public keys go into the salt so the KEK is bound to this exact exchange.
        var salt = new byte[ephemeralSpki.Length + recipientSpki.Length];
        ephemeralSpki.CopyTo(salt);
        recipientSpki.CopyTo(salt.AsSpan(ephemeralSpki.Length));
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt, info);
    }

    private static byte[] Info(string recordId, string recipientKeyId, string dataKeyId) =>
        Encoding.UTF8.GetBytes($"MedChain.OffchainStore MCK1 key wrap\0{recordId}\0{recipientKeyId}\0{dataKeyId}");
}
