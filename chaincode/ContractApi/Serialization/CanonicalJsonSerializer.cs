using MedChain.ContractApi.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MedChain.ContractApi;

/// <summary>
/// The default <see cref="IContractSerializer"/>: <see cref="CanonicalJson"/>. Arguments are read
/// strictly (duplicate property names refused, nothing after the value, at most
/// <see cref="MaxArgumentLength"/> characters) and checked against the parameter's schema before
/// they become the parameter's type.
/// </summary>
public sealed class CanonicalJsonSerializer : IContractSerializer
{
    /// <summary>The shared instance with default settings.</summary>
    public static CanonicalJsonSerializer Instance { get; } = new();

    /// <summary>Longest argument accepted, in characters. Default: 1 MiB.</summary>
    public int MaxArgumentLength { get; init; } = 1024 * 1024;

    /// <inheritdoc />
    public byte[] Serialize(object value, Type type) => CanonicalJson.ToBytes(value);

    /// <inheritdoc />
    public object? Deserialize(string text, Type type) => CanonicalJson.Deserialize(text, type);

    /// <inheritdoc />
    public object? Deserialize(string text, Type type, ParameterSchema schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        if (text.Length > MaxArgumentLength)
        {
            throw new ContractException($"invalid {schema.Name}: is longer than {MaxArgumentLength} characters", 400);
        }

        JToken token;
        try
        {
            token = CanonicalJson.ParseArgument(text);
        }
        catch (JsonException e)
        {
            throw new ContractException($"invalid {schema.Name}: is not valid JSON ({e.Message})", 400);
        }

        if (token.Type == JTokenType.Null)
        {
            // Whether null is allowed is the parameter's nullability, which the caller of the serializer knows.
            return null;
        }

        SchemaValidator.Validate(token, schema);
        return CanonicalJson.FromToken(token, type);
    }
}
