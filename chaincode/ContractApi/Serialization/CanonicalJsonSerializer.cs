using System.Text.Json;
using MedChain.ContractApi.Internal;

namespace MedChain.ContractApi;

/// <summary>
/// The default <see cref="IContractSerializer"/>: <see cref="CanonicalJson"/> over the given canonical
/// options. Arguments are read strictly (duplicate property names refused, nothing after the value, at most
/// <see cref="MaxArgumentLength"/> characters) and checked against the parameter's schema before they
/// become the parameter's type.
/// </summary>
/// <param name="options">Options made by <see cref="CanonicalJson.CreateOptions"/> over the contract assembly's types.</param>
public sealed class CanonicalJsonSerializer(JsonSerializerOptions options) : IContractSerializer
{
    /// <summary>The canonical options (the types this serializer knows).</summary>
    public JsonSerializerOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Longest argument accepted, in characters. Default: 1 MiB.</summary>
    public int MaxArgumentLength { get; init; } = 1024 * 1024;

    /// <inheritdoc />
    public byte[] Serialize(object value, Type type) => CanonicalJson.ToBytes(value, type, Options);

    /// <inheritdoc />
    public object? Deserialize(string text, Type type) => CanonicalJson.Deserialize(text, type, Options);

    /// <inheritdoc />
    public object? Deserialize(string text, Type type, ParameterSchema schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        if (text.Length > MaxArgumentLength)
        {
            throw new ContractException($"invalid {schema.Name}: is longer than {MaxArgumentLength} characters", 400);
        }

        JsonDocument document;
        try
        {
            document = CanonicalJson.ParseArgument(text);
        }
        catch (JsonException e)
        {
            throw new ContractException($"invalid {schema.Name}: is not valid JSON ({e.Message})", 400);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                // Whether null is allowed is the parameter's nullability, which the caller of the serializer knows.
                return null;
            }

            SchemaValidator.Validate(root, schema);
            return CanonicalJson.FromElement(root, type, Options);
        }
    }
}
