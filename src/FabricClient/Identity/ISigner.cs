namespace MedChain.FabricClient;

/// <summary>
/// Signs message digests for an identity. An implementation may keep its key anywhere
/// (memory, HSM, remote signer); the client only hands it digests made by an <see cref="IHash"/>.
/// </summary>
public interface ISigner
{
    /// <summary>Signs <paramref name="digest"/>; returns the signature as Fabric expects it (ECDSA: DER, low-S).</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
