using System.Text.Json;
using System.Text.Json.Serialization;
using MedChain.ContractApi.Tests.ContractApi;

namespace MedChain.ContractApi.Tests.Samples;

/// <summary>The JSON types of the test contracts and of the canonical JSON tests (source-generated, as a contract assembly has them).</summary>
[JsonSerializable(typeof(Patient))]
[JsonSerializable(typeof(PatientStatus[]))]
[JsonSerializable(typeof(RecordsContract.StoredEvent))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, int>))]
[JsonSerializable(typeof(SchemaBindingTests.OrderRequest))]
[JsonSerializable(typeof(ContractArgumentTests.Greeting))]
[JsonSerializable(typeof(CanonicalJsonTests.Forward))]
[JsonSerializable(typeof(CanonicalJsonTests.Backward))]
[JsonSerializable(typeof(CanonicalJsonTests.Dated))]
[JsonSerializable(typeof(CanonicalJsonTests.Outer))]
[JsonSerializable(typeof(CanonicalJsonTests.Priced))]
[JsonSerializable(typeof(decimal[]))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>Canonical options over <see cref="TestJsonContext"/>.</summary>
public static class TestJson
{
    public static JsonSerializerOptions Options { get; } = CanonicalJson.CreateOptions(TestJsonContext.Default);
}
