using System.Reflection;

namespace MedChain.ContractApi.Internal;

/// <summary>A contract and its transaction functions by name, resolved once at start-up.</summary>
internal sealed class ContractDescriptor
{
    private ContractDescriptor(Contract instance, ContractAttribute? attribute, IReadOnlyDictionary<string, TransactionDescriptor> transactions)
    {
        Instance = instance;
        Attribute = attribute;
        Transactions = transactions;
    }

    public Contract Instance { get; }

    public string Name => Instance.Name;

    public ContractAttribute? Attribute { get; }

    public IReadOnlyDictionary<string, TransactionDescriptor> Transactions { get; }

    public static ContractDescriptor Create(Contract contract, ContractChaincodeOptions options)
    {
        // Contract is annotated to keep its subclasses' public methods, so GetType() carries that annotation.
        var type = contract.GetType();
        var found = new List<TransactionDescriptor>();
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        {
            var attribute = method.GetCustomAttribute<TransactionAttribute>(inherit: true);
            if (attribute is not null)
            {
                found.Add(TransactionDescriptor.Create(type, method, attribute, options));
            }
        }

        // By name: the order GetMethods returns is not specified (and metadata tokens do not exist under
        // Native AOT), and the metadata every peer returns must not depend on it.
        found.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var transactions = new Dictionary<string, TransactionDescriptor>(StringComparer.Ordinal);
        foreach (var transaction in found)
        {
            if (!transactions.TryAdd(transaction.Name, transaction))
            {
                throw new ArgumentException($"Contract '{contract.Name}' has two transactions named '{transaction.Name}'.");
            }
        }

        return new ContractDescriptor(contract, type.GetCustomAttribute<ContractAttribute>(inherit: false), transactions);
    }
}
