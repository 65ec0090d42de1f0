using System.Security.Cryptography;
using Google.Protobuf;

namespace MedChain.FabricClient.Internal;

/// <summary>
/// The per-transaction values a proposal's headers share: a random nonce, the creator and
/// the transaction id Fabric derives from both, hex(SHA-256(nonce ‖ creator)).
/// </summary>
internal sealed class TransactionContext
{
    /// <summary>Fabric's nonce length (crypto.NonceSize in fabric/common/crypto).</summary>
    public const int NonceSize = 24;

    private TransactionContext(byte[] nonce, byte[] creator)
    {
        Nonce = nonce;
        Creator = creator;
        TransactionId = ComputeTransactionId(nonce, creator);
    }

    public byte[] Nonce { get; }

    public byte[] Creator { get; }

    public string TransactionId { get; }

    public static TransactionContext Create(byte[] creator) =>
        new(RandomNumberGenerator.GetBytes(NonceSize), creator);

    /// <summary>The transaction id for a nonce and serialized creator, as the peer recomputes it.</summary>
    public static string ComputeTransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        var buffer = new byte[nonce.Length + creator.Length];
        nonce.CopyTo(buffer);
        creator.CopyTo(buffer.AsSpan(nonce.Length));
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    public CommonPb.SignatureHeader ToSignatureHeader() => new()
    {
        Creator = ByteString.CopyFrom(Creator),
        Nonce = ByteString.CopyFrom(Nonce),
    };
}
