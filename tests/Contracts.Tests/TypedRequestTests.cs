using System.Text.Json.Nodes;
using MedChain.Contracts.Tests.Infrastructure;

namespace MedChain.Contracts.Tests;

/// <summary>
/// Every transaction that takes a request object binds it against the schema GetMetadata reports:
/// the metadata shows the real shape, and input outside it is refused with 400 naming the field,
/// with nothing written.
/// </summary>
public sealed class TypedRequestTests
{
    /// <summary>(function, role allowed to call it, schema name, a valid request).</summary>
    private static readonly (string Function, string Role, string Schema, Func<JsonObject> Valid)[] _requests =
    [
        ("Consent:Grant", "patient", "ConsentRequest", () => Requests.Consent()),
        ("Prescription:Issue", "doctor", "IssueRequest", () => Requests.Prescription()),
        ("RecordAnchor:Anchor", "hospital-service", "AnchorRequest", () => Requests.Anchor("rec-new")),
        ("RecordAnchor:Supersede", "hospital-service", "SupersedeRequest", () => new JsonObject { ["recordId"] = Requests.RecordId, ["sha256"] = Requests.Sha2, ["size"] = 5, ["blobRef"] = "records/v2", ["keyId"] = "k2" }),
        ("Admin:ConfigureOrganizations", "regulator-service", "OrganizationsRequest", () => JsonNode.Parse(Ids.RegistryRequest)!.AsObject()),
    ];

    public static TheoryData<string, string> RequestSchemas()
    {
        var data = new TheoryData<string, string>();
        foreach (var (function, _, schema, _) in _requests)
        {
            data.Add(function, schema);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequestSchemas))]
    public async Task GetMetadata_RequestTransaction_ParameterIsTheRequestSchema(string function, string schema)
    {
        var metadata = await Metadata();
        var (contract, name) = (function.Split(':')[0], function.Split(':')[1]);

        var tx = metadata["contracts"]![contract]!["transactions"]!.Items().Single(t => (string?)t["name"] == name);

        // Grant and Issue carry content: their request comes in the transient map, described with the same schema.
        var inTransient = function is "Consent:Grant" or "Prescription:Issue";
        Assert.Empty((inTransient ? tx["parameters"]! : tx["transient"] ?? new JsonArray()).Items());
        var parameter = Assert.Single(tx[inTransient ? "transient" : "parameters"].Items());
        Assert.Equal("request", (string?)parameter["name"]);
        Assert.Equal($"#/components/schemas/{schema}", (string?)parameter["schema"]!["$ref"]);
        var shape = metadata["components"]!["schemas"]![schema]!;
        Assert.False((bool)shape["additionalProperties"]!);
        Assert.NotEmpty(shape["required"].Items());
    }

    [Fact]
    public async Task GetMetadata_RequestSchemas_CarryTheInputRules()
    {
        var schemas = (await Metadata())["components"]!["schemas"]!;

        var consent = schemas["ConsentRequest"]!["properties"]!;
        Assert.Equal(["patientId", "grantee", "scope", "purpose", "period"], schemas["ConsentRequest"]!["required"]!.Items().Select(r => (string)r!));
        Assert.Equal("medchain-patient-id", (string?)consent["patientId"]!["format"]);
        Assert.Equal("^pat-[0-9a-f]{32,64}$", (string?)consent["patientId"]!["pattern"]);
        Assert.Equal(68, (int)consent["patientId"]!["maxLength"]!);
        Assert.Equal("#/components/schemas/RequestedPeriod", (string?)consent["period"]!["$ref"]);
        Assert.Equal(["end"], schemas["RequestedPeriod"]!["required"]!.Items().Select(r => (string)r!));
        Assert.Equal("date-time", (string?)schemas["RequestedPeriod"]!["properties"]!["end"]!["format"]);
        var scope = schemas["ConsentScope"]!["properties"]!;
        Assert.Equal(32, (int)scope["recordTypes"]!["maxItems"]!);
        Assert.Equal("medchain-record-type", (string?)scope["recordTypes"]!["items"]!["format"]);
        Assert.Equal("medchain-record-id", (string?)scope["recordIds"]!["items"]!["format"]);

        var dosage = schemas["Dosage"]!["properties"]!;
        Assert.Equal("medchain-free-text", (string?)dosage["text"]!["format"]);
        Assert.Equal(500, (int)dosage["text"]!["maxLength"]!);
        Assert.Equal(["s", "min", "h", "d", "wk", "mo", "a"], dosage["periodUnit"]!["enum"]!.Items().Select(e => (string)e!));
        Assert.Equal(0, (int)schemas["Quantity"]!["properties"]!["value"]!["exclusiveMinimum"]!);
        Assert.Equal("uri", (string?)schemas["Medication"]!["properties"]!["system"]!["format"]);

        var anchor = schemas["AnchorRequest"]!["properties"]!;
        Assert.Equal("^[0-9a-f]{64}$", (string?)anchor["sha256"]!["pattern"]);
        Assert.Equal(1L << 40, (long)anchor["size"]!["maximum"]!);
        Assert.Equal(1, (int)schemas["OrganizationsRequest"]!["properties"]!["organizations"]!["minItems"]!);
    }

    public static TheoryData<string, string, string> BadRequests()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (function, role, _, valid) in _requests)
        {
            var json = valid();
            var first = json.First();
            data.Add(function, role, "{" + json.Json()[1..^1]);
            data.Add(function, role, json.Json().Replace("{", $"{{\"{first.Key}\":null,", StringComparison.Ordinal));
            data.Add(function, role, With(json, j => j["comment"] = "hello"));
            data.Add(function, role, With(json, j => j[first.Key] = 42));
            data.Add(function, role, With(json, j => j[first.Key] = new JsonArray()));
            data.Add(function, role, With(json, j => j.Remove(first.Key)));
            data.Add(function, role, "\"" + json.Json().Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            data.Add(function, role, "null");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task RequestTransaction_InputOutsideItsSchema_400NamingTheFieldAndNothingWritten(string function, string role, string request)
    {
        var scenario = await Scenario.CreateAsync();
        var before = scenario.Net.Snapshot();

        var tx = await scenario.Net.SimulateAsync(Ids.ByRole[role], Scenario.Now, function, request);

        Assert.Equal(400, tx.Response.Status);
        Assert.Matches(@"^(invalid request(\.\w+)?: (is not valid JSON \(|is not a known field|must be a string|must be a JSON object|is missing|must be an array|must have 1 to)|Argument 'request' must not be null\.)", tx.Response.Message);
        Assert.Empty(tx.WriteSet);
        Assert.Null(tx.Event);
        Assert.Equal(before, scenario.Net.Snapshot());
    }

    [Theory]
    [InlineData("{\"patientId\":1}", "invalid request.patientId: must be a string")]
    [InlineData("{\"comment\":\"x\"}", "invalid request.patientId: is missing")]
    public async Task Grant_ErrorNamesTheFirstProblem(string request, string expected)
    {
        var scenario = await Scenario.CreateAsync();

        var tx = await scenario.Net.SimulateAsync(Ids.Patient, Scenario.Now, "Consent:Grant", request);

        Assert.Equal(expected, tx.Response.Message);
    }

    [Fact]
    public async Task Grant_ScopeListsUnorderedWithRepeats_StoredSortedAndDistinct()
    {
        var scenario = await Scenario.CreateAsync();
        var request = Requests.Consent();
        request["scope"] = new JsonObject { ["recordTypes"] = new JsonArray("lab-result", "imaging", "lab-result"), ["recordIds"] = new JsonArray("rec-9", "rec-1") };

        var granted = await scenario.Net.SubmitOkAsync(Ids.Patient, Scenario.Now, "Consent:Grant", request.Json());

        var consent = await scenario.Net.EvaluateOkAsync(Ids.Patient, Scenario.Now, "Consent:Get", Ids.PatientId, (string)granted["consentId"]!);
        Assert.Equal(["imaging", "lab-result"], consent["scope"]!["recordTypes"]!.Items().Select(t => (string)t!));
        Assert.Equal(["rec-1", "rec-9"], consent["scope"]!["recordIds"]!.Items().Select(t => (string)t!));
    }

    private static string With(JsonObject json, Action<JsonObject> change)
    {
        var copy = (JsonObject)json.DeepClone();
        change(copy);
        return copy.Json();
    }

    private static async Task<JsonNode> Metadata()
    {
        var net = await TestNetwork.CreateAsync();
        return await net.EvaluateOkAsync(Ids.Patient, TestNetwork.T0, "org.hyperledger.fabric:GetMetadata");
    }
}
