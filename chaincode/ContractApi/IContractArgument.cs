namespace MedChain.ContractApi;

/// <summary>
/// A request type that binds itself from its JSON argument, for contracts whose input rules go beyond
/// what a serializer checks (duplicate property names, exact time formats, id grammars, free text,
/// size limits). The contract API calls <see cref="Bind"/> instead of the serializer, and the metadata
/// still describes the type's real shape (its properties, as the serializer names them).
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IContractArgument<TSelf>
    where TSelf : IContractArgument<TSelf>
{
    /// <summary>
    /// The request read from <paramref name="json"/>; throws <see cref="ContractException"/> (400)
    /// naming the offending field under <paramref name="parameterName"/>.
    /// </summary>
    static abstract TSelf Bind(string json, string parameterName);
}
