using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedChain.FabricCa.Internal;

// The wire shapes of fabric-ca's REST API (api/client.go, api/net.go, api/serverresponses.go).

internal sealed record RegisterBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("affiliation")] string Affiliation,
    [property: JsonPropertyName("attrs")] IReadOnlyList<AttributeBody> Attributes,
    [property: JsonPropertyName("caname"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CaName);

internal sealed record ModifyIdentityBody(
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("attrs")] IReadOnlyList<AttributeBody> Attributes,
    [property: JsonPropertyName("caname"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CaName);

internal sealed record AttributeBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("ecert")] bool ECert);

internal sealed record EnrollBody(
    [property: JsonPropertyName("certificate_request")] string CertificateRequest,
    [property: JsonPropertyName("attr_reqs")] IReadOnlyList<AttributeRequestBody> AttributeRequests,
    [property: JsonPropertyName("caname"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CaName);

internal sealed record AttributeRequestBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("optional")] bool Optional);

/// <summary>Every answer: <c>{"success":…,"result":…,"errors":[{"code":…,"message":…}],"messages":[]}</c>.</summary>
internal sealed record ResponseEnvelope(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("result")] JsonElement Result,
    [property: JsonPropertyName("errors")] IReadOnlyList<FabricCaError>? Errors);

internal sealed record RegisterResult([property: JsonPropertyName("secret")] string? Secret);

/// <summary>The enrol result: the certificate and the CA chain, each base64 of PEM.</summary>
internal sealed record EnrollResult(
    [property: JsonPropertyName("Cert")] string? Cert,
    [property: JsonPropertyName("ServerInfo")] ServerInfo? ServerInfo);

internal sealed record ServerInfo(
    [property: JsonPropertyName("CAName")] string? CaName,
    [property: JsonPropertyName("CAChain")] string? CaChain);
