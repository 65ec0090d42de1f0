namespace MedChain.ContractApi;

/// <summary>
/// Names a contract and describes it in the contract metadata. Without it a contract is
/// named after its class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>The contract name used for routing (<c>Name:Function</c>); default: the class name.</summary>
    public string? Name { get; set; }

    /// <summary>True to route function names without a contract prefix to this contract.</summary>
    public bool IsDefault { get; set; }

    /// <summary>Title shown in the metadata's <c>info</c>; default: the contract name.</summary>
    public string? Title { get; set; }

    /// <summary>Version shown in the metadata's <c>info</c>; default: "latest".</summary>
    public string? Version { get; set; }

    /// <summary>Optional description shown in the metadata's <c>info</c>.</summary>
    public string? Description { get; set; }
}
