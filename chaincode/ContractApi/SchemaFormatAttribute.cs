using System.Text.Json.Nodes;

namespace MedChain.ContractApi;

/// <summary>
/// A string format defined by the contract (JSON schema <c>format</c>) for rules a pattern cannot say
/// well, such as an identifier grammar shared with other components or "no control characters". The
/// metadata names the format (plus what <see cref="Describe"/> adds); the serializer calls
/// <see cref="Check"/> when it binds an argument. On a list property it applies to each item.
/// One format name stands for one attribute type in a chaincode.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public abstract class SchemaFormatAttribute : Attribute
{
    /// <summary>The format's name in the schema.</summary>
    public abstract string Format { get; }

    /// <summary>Adds the keywords that document the format (e.g. <c>maxLength</c>, <c>pattern</c>) to a string schema.</summary>
    public virtual void Describe(JsonObject schema)
    {
    }

    /// <summary>What is wrong with <paramref name="value"/> (e.g. "'x' is not a patient id"), or null when it is valid.</summary>
    public abstract string? Check(string value);
}
