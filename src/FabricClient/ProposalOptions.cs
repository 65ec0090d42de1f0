using System.Text;

namespace MedChain.FabricClient;

/// <summary>What a transaction proposal carries besides its name.</summary>
public sealed class ProposalOptions
{
    /// <summary>The transaction function's arguments, in order. Default: none.</summary>
    public IList<byte[]> Arguments { get; } = [];

    /// <summary>
    /// Private data for the chaincode: sent to the endorsers but kept out of the transaction that is
    /// ordered. Default: none.
    /// </summary>
    public IDictionary<string, byte[]> TransientData { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>
    /// MSP ids of the only organizations that should endorse (e.g. the holders of a private data
    /// collection). Default: none, the gateway peer chooses by the endorsement policy.
    /// </summary>
    public IList<string> EndorsingOrganizations { get; } = [];

    /// <summary>Adds UTF-8 string arguments; returns this for chaining.</summary>
    public ProposalOptions AddArguments(params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
            Arguments.Add(Encoding.UTF8.GetBytes(argument));
        }

        return this;
    }

    /// <summary>Adds byte arguments; returns this for chaining.</summary>
    public ProposalOptions AddArguments(params IEnumerable<byte[]> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
            Arguments.Add(argument);
        }

        return this;
    }

    /// <summary>Creates options with UTF-8 string arguments.</summary>
    public static ProposalOptions WithArguments(params IEnumerable<string> arguments) => new ProposalOptions().AddArguments(arguments);
}
