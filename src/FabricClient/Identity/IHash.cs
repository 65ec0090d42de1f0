using System.Security.Cryptography;

namespace MedChain.FabricClient;

/// <summary>Makes the digest a <see cref="ISigner"/> signs.</summary>
public interface IHash
{
    /// <summary>The digest of <paramref name="message"/>.</summary>
    byte[] ComputeHash(ReadOnlySpan<byte> message);
}

/// <summary>The hash functions Fabric's identities use.</summary>
public static class Hashes
{
    /// <summary>SHA-256, the default of Fabric's MSPs (and of the peer's signature checks).</summary>
    public static IHash Sha256 { get; } = new Sha256Hash();

    private sealed class Sha256Hash : IHash
    {
        public byte[] ComputeHash(ReadOnlySpan<byte> message) => SHA256.HashData(message);
    }
}
