namespace MedChain.ContractApi;

/// <summary>
/// A request type with rules across its fields (one item listed twice, one of two lists required).
/// The serializer binds the argument against the type's schema first (shape, types, lengths,
/// patterns, formats); then the contract API calls <see cref="Validated"/> and passes its result
/// to the transaction.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IContractRequest<TSelf>
    where TSelf : IContractRequest<TSelf>
{
    /// <summary>
    /// This request, checked (and normalised, e.g. lists sorted); throws <see cref="ContractException"/>
    /// (400) naming the field under <paramref name="parameterName"/>.
    /// </summary>
    TSelf Validated(string parameterName);
}
