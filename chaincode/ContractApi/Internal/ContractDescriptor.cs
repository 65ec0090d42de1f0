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

    public static ContractDescriptor Create(Contract contract)
    {
        var type = contract.GetType();
        var transactions = new Dictionary<string, TransactionDescriptor>(StringComparer.Ordinal);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .OrderBy(m => m.MetadataToken);
        foreach (var method in methods)
        {
            var attribute = method.GetCustomAttribute<TransactionAttribute>(inherit: true);
            if (attribute is null)
            {
                continue;
            }

            var transaction = TransactionDescriptor.Create(type, method, attribute);
            if (!transactions.TryAdd(transaction.Name, transaction))
            {
                throw new ArgumentException($"Contract '{contract.Name}' has two transactions named '{transaction.Name}'.");
            }
        }

        return new ContractDescriptor(contract, type.GetCustomAttribute<ContractAttribute>(inherit: false), transactions);
    }
}
