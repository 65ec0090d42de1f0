using Newtonsoft.Json.Linq;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// The contract metadata in fabric-contract-api's shape: info, contracts with their
/// transactions (tag "submit" or "evaluate", parameters with JSON schemas, returns), and
/// components.schemas for the object types used.
/// </summary>
internal static class MetadataBuilder
{
    public const string SchemaUri = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static string Build(IReadOnlyList<ContractDescriptor> contracts, ContractDescriptor defaultContract, ContractChaincodeOptions options)
    {
        var schemas = new SchemaGenerator();
        var contractsJson = new JObject();
        foreach (var contract in contracts)
        {
            var transactions = new JArray();
            foreach (var transaction in contract.Transactions.Values)
            {
                transactions.Add(DescribeTransaction(transaction, schemas));
            }

            var info = new JObject
            {
                ["title"] = contract.Attribute?.Title ?? contract.Name,
                ["version"] = contract.Attribute?.Version ?? "latest",
            };
            if (!string.IsNullOrEmpty(contract.Attribute?.Description))
            {
                info["description"] = contract.Attribute.Description;
            }

            contractsJson[contract.Name] = new JObject
            {
                ["name"] = contract.Name,
                ["info"] = info,
                ["default"] = ReferenceEquals(contract, defaultContract),
                ["transactions"] = transactions,
            };
        }

        contractsJson[ContractChaincode.SystemContractName] = new JObject
        {
            ["name"] = ContractChaincode.SystemContractName,
            ["info"] = new JObject { ["title"] = ContractChaincode.SystemContractName, ["version"] = "latest" },
            ["default"] = false,
            ["transactions"] = new JArray
            {
                new JObject
                {
                    ["name"] = ContractChaincode.GetMetadataFunction,
                    ["tag"] = new JArray("evaluate"),
                    ["parameters"] = new JArray(),
                    ["returns"] = new JObject { ["type"] = "string" },
                },
            },
        };

        var metadata = new JObject
        {
            ["$schema"] = SchemaUri,
            ["info"] = new JObject { ["title"] = options.Title, ["version"] = options.Version },
            ["contracts"] = contractsJson,
            ["components"] = new JObject { ["schemas"] = schemas.Components },
        };
        return CanonicalJson.Serialize(metadata);
    }

    private static JObject DescribeTransaction(TransactionDescriptor transaction, SchemaGenerator schemas)
    {
        var parameters = new JArray();
        var transient = new JArray();
        foreach (var parameter in transaction.Parameters)
        {
            var schema = schemas.For(parameter.Type);
            var described = new JObject
            {
                ["name"] = parameter.Name,
                ["schema"] = schema,
            };

            // The serializer binds the argument against this very schema.
            parameter.Schema = new ParameterSchema(parameter.Name, schema, schemas.Components, schemas.Formats);
            if (!string.IsNullOrEmpty(parameter.Description))
            {
                described["description"] = parameter.Description;
            }

            if (parameter.TransientKey is { } key)
            {
                // Fabric's metadata has no place for transient inputs; "transient" is ours (a tool
                // reading fabric-contract-api metadata ignores it), listed with the key and schema.
                described["key"] = key;
                transient.Add(described);
            }
            else
            {
                parameters.Add(described);
            }
        }

        var json = new JObject
        {
            ["name"] = transaction.Name,
            ["tag"] = new JArray(transaction.Evaluate ? "evaluate" : "submit"),
            ["parameters"] = parameters,
        };
        if (transient.Count > 0)
        {
            json["transient"] = transient;
        }

        if (transaction.ResultType is not null)
        {
            json["returns"] = schemas.For(transaction.ResultType);
        }

        if (!string.IsNullOrEmpty(transaction.Description))
        {
            json["description"] = transaction.Description;
        }

        return json;
    }
}
