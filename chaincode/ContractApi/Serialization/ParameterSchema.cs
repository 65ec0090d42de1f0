using System.Text.Json.Nodes;

namespace MedChain.ContractApi;

/// <summary>
/// The JSON schema of one transaction parameter, as <c>GetMetadata</c> reports it, handed to the
/// serializer so that it binds the argument against the shape the contract declares (as
/// fabric-contract-api-go passes the parameter's metadata and components to its serializer).
/// Treat the schema objects as read-only: they are the metadata's own.
/// </summary>
public sealed class ParameterSchema
{
    private readonly IReadOnlyDictionary<string, SchemaFormatAttribute> _formats;

    internal ParameterSchema(string name, JsonObject schema, JsonObject components, IReadOnlyDictionary<string, SchemaFormatAttribute> formats)
    {
        Name = name;
        Schema = schema;
        Components = components;
        _formats = formats;
    }

    /// <summary>The parameter's name (the root of the paths in error messages).</summary>
    public string Name { get; }

    /// <summary>The parameter's schema (object types as <c>$ref</c> into <see cref="Components"/>).</summary>
    public JsonObject Schema { get; }

    /// <summary>The metadata's <c>components.schemas</c>.</summary>
    public JsonObject Components { get; }

    /// <summary>The schema a <c>$ref</c> such as <c>#/components/schemas/Name</c> points to, or null.</summary>
    public JsonObject? Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        const string prefix = "#/components/schemas/";
        return reference.StartsWith(prefix, StringComparison.Ordinal) ? Components[reference[prefix.Length..]] as JsonObject : null;
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> for the contract-defined <paramref name="format"/>
    /// (a <see cref="SchemaFormatAttribute"/>), or null when it is valid or the format is not one of them.
    /// </summary>
    public string? CheckFormat(string format, string value) =>
        _formats.TryGetValue(format, out var checker) ? checker.Check(value) : null;
}
