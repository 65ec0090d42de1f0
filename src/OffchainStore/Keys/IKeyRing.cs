namespace MedChain.OffchainStore.Keys;

/// <summary>The local organization's encryption key pairs (several after a key rotation), found by key id.</summary>
public interface IKeyRing
{
    /// <summary>Ids of every key pair held.</summary>
    IReadOnlyCollection<string> KeyIds { get; }

    /// <summary>The key pair with this id, or <see langword="null"/>.</summary>
    OrgKeyPair? Find(string keyId);
}
