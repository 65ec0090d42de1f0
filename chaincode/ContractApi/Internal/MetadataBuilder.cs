using System.Text.Json.Nodes;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// The contract metadata in fabric-contract-api's shape: info, contracts with their
/// transactions (tag "submit" or "evaluate", parameters with JSON schemas, returns), and
/// components.schemas for the object types used.
/// </summary>
internal static class MetadataBuilder
{
    public const string SchemaUri = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static string Build(IReadOnlyList<ContractDescriptor> contracts, ContractDescriptor defaultContract, ContractChaincodeOptions options, System.Text.Json.JsonSerializerOptions json)
    {
        var schemas = new SchemaGenerator(json);
        var contractsJson = new JsonObject();
        foreach (var contract in contracts)
        {
            var transactions = new JsonArray();
            foreach (var transaction in contract.Transactions.Values)
            {
                transactions.Add((JsonNode)DescribeTransaction(transaction, schemas));
            }

            var info = new JsonObject
            {
                ["title"] = contract.Attribute?.Title ?? contract.Name,
                ["version"] = contract.Attribute?.Version ?? "latest",
            };
            if (!string.IsNullOrEmpty(contract.Attribute?.Description))
            {
                info["description"] = contract.Attribute.Description;
            }

            contractsJson[contract.Name] = new JsonObject
            {
                ["name"] = contract.Name,
                ["info"] = info,
                ["default"] = ReferenceEquals(contract, defaultContract),
                ["transactions"] = transactions,
            };
        }

        contractsJson[ContractChaincode.SystemContractName] = new JsonObject
        {
            ["name"] = ContractChaincode.SystemContractName,
            ["info"] = new JsonObject { ["title"] = ContractChaincode.SystemContractName, ["version"] = "latest" },
            ["default"] = false,
            ["transactions"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = ContractChaincode.GetMetadataFunction,
                    ["tag"] = new JsonArray("evaluate"),
                    ["parameters"] = new JsonArray(),
                    ["returns"] = new JsonObject { ["type"] = "string" },
                }),
        };

        var metadata = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["info"] = new JsonObject { ["title"] = options.Title, ["version"] = options.Version },
            ["contracts"] = contractsJson,
            ["components"] = new JsonObject { ["schemas"] = schemas.Components },
        };
        return CanonicalJson.Serialize(metadata);
    }

    private static JsonObject DescribeTransaction(TransactionDescriptor transaction, SchemaGenerator schemas)
    {
        var parameters = new JsonArray();
        var transient = new JsonArray();
        foreach (var parameter in transaction.Parameters)
        {
            var schema = schemas.For(parameter.Type);
            var described = new JsonObject
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
                transient.Add((JsonNode)described);
            }
            else
            {
                parameters.Add((JsonNode)described);
            }
        }

        var json = new JsonObject
        {
            ["name"] = transaction.Name,
            ["tag"] = new JsonArray(transaction.Evaluate ? "evaluate" : "submit"),
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
