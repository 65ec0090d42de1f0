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

    /// <summary>
    /// The value of an argument bound against its parameter's <paramref name="schema"/> (the one the
    /// metadata reports). Throw <see cref="ContractException"/> (400) naming the offending field for
    /// input the schema refuses; any other exception is reported as "not valid JSON". The default
    /// ignores the schema.
    /// </summary>
    object? Deserialize(string text, Type type, ParameterSchema schema) => Deserialize(text, type);
}
