namespace MedChain.ContractApi;

/// <summary>
/// Binds a transaction parameter from the proposal's transient map under <see cref="Key"/> instead of
/// from the arguments. Arguments are written into the block every organization keeps; the transient
/// map is not, so content the ledger must not hold (clinical details) travels there. The value (UTF-8)
/// is bound exactly like an argument (the same schema, the same <see cref="IContractRequest{TSelf}.Validated"/>);
/// a missing key is a 400. The metadata lists such parameters under the transaction's <c>transient</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class TransientAttribute(string key) : Attribute
{
    /// <summary>The transient-map key.</summary>
    public string Key { get; } = key;
}
