namespace MedChain.ContractApi;

/// <summary>
/// Marks a public method of a <see cref="Contract"/> as a transaction function. The method takes a
/// <see cref="Context"/> first, then its parameters, and returns <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// a value or nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class TransactionAttribute : Attribute
{
    /// <summary>
    /// True for a query (tagged "evaluate" in the metadata: clients evaluate it on one peer and
    /// do not submit it for ordering); false (the default) for a submitted transaction.
    /// </summary>
    public bool Evaluate { get; set; }

    /// <summary>The function name clients call; default: the method name.</summary>
    public string? Name { get; set; }

    /// <summary>Optional description shown in the metadata.</summary>
    public string? Description { get; set; }
}
