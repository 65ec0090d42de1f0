using System.Collections.Concurrent;

namespace MedChain.OffchainStore.Keys;

/// <summary>An in-memory <see cref="IKeyRing"/>. It does not own the key pairs added to it.</summary>
public sealed class KeyRing : IKeyRing
{
    private readonly ConcurrentDictionary<string, OrgKeyPair> _keys = new(StringComparer.Ordinal);

    public KeyRing(params IEnumerable<OrgKeyPair> keyPairs)
    {
        ArgumentNullException.ThrowIfNull(keyPairs);
        foreach (var keyPair in keyPairs)
        {
            Add(keyPair);
        }
    }

    public IReadOnlyCollection<string> KeyIds => [.. _keys.Keys];

    /// <summary>Adds a key pair; adding the same key twice is a no-op.</summary>
    public void Add(OrgKeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        _keys.TryAdd(keyPair.KeyId, keyPair);
    }

    public OrgKeyPair? Find(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _keys.GetValueOrDefault(keyId);
    }
}
