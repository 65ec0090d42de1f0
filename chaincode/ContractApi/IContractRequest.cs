namespace MedChain.ContractApi;

/// <summary>
/// A request type with rules across its fields (one item listed twice, one of two lists required).
/// The serializer binds the argument against the type's schema first (shape, types, lengths,
/// patterns, formats); then the contract API calls <see cref="Validated"/> and passes its result
/// to the transaction.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IContractRequest<TSelf> : IContractRequest
    where TSelf : IContractRequest<TSelf>
{
    /// <summary>
    /// This request, checked (and normalised, e.g. lists sorted); throws <see cref="ContractException"/>
    /// (400) naming the field under <paramref name="parameterName"/>.
    /// </summary>
    TSelf Validated(string parameterName);

    object IContractRequest.ValidatedRequest(string parameterName) => Validated(parameterName);
}

/// <summary>
/// What the contract API calls on a bound request without knowing its type (no reflection, so Native AOT
/// keeps it); implemented for you by <see cref="IContractRequest{TSelf}"/>.
/// </summary>
public interface IContractRequest
{
    /// <summary>The request, checked; see <see cref="IContractRequest{TSelf}.Validated"/>.</summary>
    object ValidatedRequest(string parameterName);
}
