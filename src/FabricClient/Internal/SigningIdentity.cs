namespace MedChain.FabricClient.Internal;

/// <summary>An identity with the means to sign as it: what every request needs.</summary>
internal sealed class SigningIdentity
{
    private readonly byte[] _creator;

    public SigningIdentity(Identity identity, ISigner signer, IHash hash)
    {
        Identity = identity;
        Signer = signer;
        Hash = hash;
        _creator = identity.ToSerializedIdentity();
    }

    public Identity Identity { get; }

    public ISigner Signer { get; }

    public IHash Hash { get; }

    /// <summary>The serialized identity (a fresh copy: protobuf messages keep references).</summary>
    public byte[] Creator => (byte[])_creator.Clone();

    public byte[] Digest(ReadOnlySpan<byte> message) => Hash.ComputeHash(message);

    public async ValueTask<byte[]> SignAsync(byte[] digest, CancellationToken cancellationToken)
    {
        var signature = await Signer.SignAsync(digest, cancellationToken).ConfigureAwait(false);
        return signature is { Length: > 0 }
            ? signature
            : throw new InvalidOperationException($"The signer {Signer.GetType().Name} returned an empty signature.");
    }
}
