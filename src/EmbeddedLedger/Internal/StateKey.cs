namespace MedChain.EmbeddedLedger.Internal;

/// <summary>A key of the world state: chaincode namespace, collection ("" for public state) and key.</summary>
internal readonly record struct StateKey(string Namespace, string Collection, string Key)
{
    public string? CollectionOrNull => Collection.Length == 0 ? null : Collection;

    public static int Compare(StateKey a, StateKey b)
    {
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        if (byNamespace != 0)
        {
            return byNamespace;
        }

        var byCollection = string.CompareOrdinal(a.Collection, b.Collection);
        return byCollection != 0 ? byCollection : Utf8OrdinalComparer.Instance.Compare(a.Key, b.Key);
    }
}
