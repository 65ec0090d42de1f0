using System.Text.Json.Serialization;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Internal;

/// <summary>Source-generated JSON for the documents kept in the key container.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(WrappedDataKey))]
[JsonSerializable(typeof(ErasureProof))]
internal sealed partial class OffchainJsonContext : JsonSerializerContext;
