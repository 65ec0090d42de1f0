namespace MedChain.ContractApi;

/// <summary>
/// How <see cref="ContractChaincode"/> turns non-string arguments into parameter values and
/// results into response payloads. Strings bypass it: they travel as raw UTF-8.
/// </summary>
public interface IContractSerializer
{
    /// <summary>The payload bytes for a transaction result (never null).</summary>
    byte[] Serialize(object value, Type type);

    /// <summary>The value of an argument of <paramref name="type"/>; throws when the text is not valid for it.</summary>
    object? Deserialize(string text, Type type);
}
