namespace MedChain.ContractApi;

/// <summary>
/// JSON schema keywords of a request property: they appear in the metadata and the serializer
/// enforces them when it binds an argument. On a list property, the string keywords
/// (<see cref="MinLength"/>, <see cref="MaxLength"/>, <see cref="Pattern"/>) apply to each item.
/// Unset numbers (-1, NaN) leave the keyword out.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class SchemaAttribute : Attribute
{
    /// <summary>Shortest string (<c>minLength</c>); -1: none.</summary>
    public int MinLength { get; set; } = -1;

    /// <summary>Longest string (<c>maxLength</c>); -1: none.</summary>
    public int MaxLength { get; set; } = -1;

    /// <summary>
    /// A regular expression the whole value must match (<c>pattern</c>). Write it anchored (<c>^…$</c>):
    /// the match must cover the whole value, so <c>$</c> does not let a trailing newline through.
    /// </summary>
    public string? Pattern { get; set; }

    /// <summary>What a value matching <see cref="Pattern"/> is, in words (<c>description</c>; errors say "'x' is not {this}").</summary>
    public string? Description { get; set; }

    /// <summary>Smallest number (<c>minimum</c>); NaN: none.</summary>
    public double Minimum { get; set; } = double.NaN;

    /// <summary>Numbers must be greater than this (<c>exclusiveMinimum</c>); NaN: none.</summary>
    public double ExclusiveMinimum { get; set; } = double.NaN;

    /// <summary>Largest number (<c>maximum</c>); NaN: none.</summary>
    public double Maximum { get; set; } = double.NaN;

    /// <summary>Fewest list items (<c>minItems</c>); -1: none.</summary>
    public int MinItems { get; set; } = -1;

    /// <summary>Most list items (<c>maxItems</c>); -1: none.</summary>
    public int MaxItems { get; set; } = -1;
}
