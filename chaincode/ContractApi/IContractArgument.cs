namespace MedChain.ContractApi;

/// <summary>
/// A request type that binds itself from its JSON argument, for contracts whose input rules go beyond
/// what a serializer checks (duplicate property names, exact time formats, id grammars, free text,
/// size limits). The contract API calls <see cref="Bind"/> instead of the serializer, and the metadata
/// still describes the type's real shape (its properties, as the serializer names them). Register the
/// type with <see cref="ContractChaincodeOptions.AddArgument{T}"/>: a static method cannot be found and
/// called by reflection in a Native AOT executable, a registered delegate can.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IContractArgument<TSelf> : IContractArgument
    where TSelf : IContractArgument<TSelf>
{
    /// <summary>
    /// The request read from <paramref name="json"/>; throws <see cref="ContractException"/> (400)
    /// naming the offending field under <paramref name="parameterName"/>.
    /// </summary>
    static abstract TSelf Bind(string json, string parameterName);
}

/// <summary>Marks the types of <see cref="IContractArgument{TSelf}"/>, so an unregistered one is found at start-up.</summary>
#pragma warning disable CA1040 // A marker: the contract API checks for it without knowing TSelf.
public interface IContractArgument;
#pragma warning restore CA1040
