using System.Text.Json.Nodes;
using MedChain.ContractApi;
using MedChain.Identifiers;

namespace MedChain.Contracts.Internal;

/// <summary>
/// An identifier in the shared grammar of <see cref="Ids"/> (checked by <see cref="Ids.IsValid"/>, whose
/// patterns end with <c>\z</c>); the schema names the format and shows its pattern and length.
/// </summary>
internal sealed class IdAttribute(IdKind kind) : SchemaFormatAttribute
{
    public override string Format { get; } = kind switch
    {
        IdKind.RecordType => "medchain-record-type",
        _ => $"medchain-{kind.ToString().ToLowerInvariant()}-id",
    };

    public override void Describe(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema["minLength"] = 1;
        schema["maxLength"] = Ids.MaxLength(kind);

        // The schema's pattern is ECMA-262, where '$' is the end of the text.
        schema["pattern"] = Ids.Pattern(kind).ToString().Replace(@"\z", "$", StringComparison.Ordinal);
        schema["description"] = Ids.Describe(kind);
    }

    public override string? Check(string value) => Ids.IsValid(kind, value) ? null : $"'{Ids.Shorten(value)}' is not {Ids.Describe(kind)}";
}

/// <summary>Free text (see <see cref="FreeText"/>): no control or format characters, no unpaired surrogates.</summary>
internal sealed class FreeTextAttribute(int maxLength) : SchemaFormatAttribute
{
    public override string Format => "medchain-free-text";

    public override void Describe(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema["minLength"] = 1;
        schema["maxLength"] = maxLength;
        schema["description"] = "text without control or format characters (Unicode Cc, Cf)";
    }

    public override string? Check(string value) => FreeText.Problem(value);
}

/// <summary>An absolute URI (JSON schema's <c>uri</c> format), printable ASCII without spaces.</summary>
internal sealed class AbsoluteUriAttribute(int maxLength) : SchemaFormatAttribute
{
    public override string Format => "uri";

    public override void Describe(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema["minLength"] = 1;
        schema["maxLength"] = maxLength;
    }

    public override string? Check(string value) =>
        Formats.Reference().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _) ? null : $"'{Ids.Shorten(value)}' is not an absolute URI";
}
