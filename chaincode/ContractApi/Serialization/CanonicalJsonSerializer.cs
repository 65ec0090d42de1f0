namespace MedChain.ContractApi;

/// <summary>The default <see cref="IContractSerializer"/>: <see cref="CanonicalJson"/>.</summary>
public sealed class CanonicalJsonSerializer : IContractSerializer
{
    /// <summary>The shared instance (the serializer has no state).</summary>
    public static CanonicalJsonSerializer Instance { get; } = new();

    /// <inheritdoc />
    public byte[] Serialize(object value, Type type) => CanonicalJson.ToBytes(value);

    /// <inheritdoc />
    public object? Deserialize(string text, Type type) => CanonicalJson.Deserialize(text, type);
}
