using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedChain.FabricGateway.Apis;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>): every /api operation lists the problem types it can answer with
/// (RFC 9457, <c>application/problem+json</c>), each with its stable type URI and an example.
/// </summary>
internal static class OpenApiSetup
{
    /// <summary>What any authenticated /api call can answer with.</summary>
    private static readonly ProblemType[] _common =
    [
        ProblemTypes.Validation, ProblemTypes.Malformed, ProblemTypes.LedgerInvalid, ProblemTypes.Unauthenticated, ProblemTypes.NoIdentity,
        ProblemTypes.LedgerForbidden, ProblemTypes.NotFound, ProblemTypes.LedgerError, ProblemTypes.LedgerUnavailable,
        ProblemTypes.StorageUnavailable, ProblemTypes.Unexpected,
    ];

    /// <summary>What writes (POST, PUT, DELETE) can answer with as well.</summary>
    private static readonly ProblemType[] _writes =
    [
        ProblemTypes.LedgerConflict, ProblemTypes.NotCommitted, ProblemTypes.OutcomeUnknown,
    ];

    /// <summary>What Idempotency-Key handling (POST, PUT) can answer with.</summary>
    private static readonly ProblemType[] _idempotent =
    [
        ProblemTypes.IdempotencyInFlight, ProblemTypes.IdempotencyKeyReused, ProblemTypes.ReplayWithoutContent, ProblemTypes.TooLarge,
    ];

    /// <summary>Problem types particular to some operations, by route pattern and method.</summary>
    private static readonly Dictionary<(string Method, string Route), ProblemType[]> _particular = new()
    {
        [("PUT", "/api/records/{recordId}")] = [ProblemTypes.RecordExists, ProblemTypes.UnknownOrganization],
        [("GET", "/api/records/{recordId}/content")] = [ProblemTypes.AccessDenied, ProblemTypes.Erased, ProblemTypes.NoKey, ProblemTypes.IntegrityFailed],
        [("GET", "/api/records/{recordId}/verify")] = [ProblemTypes.Erased],
        [("POST", "/api/records/{recordId}/grants")] = [ProblemTypes.UnknownOrganization, ProblemTypes.NoKey],
        [("DELETE", "/api/records/{recordId}")] = [ProblemTypes.Erased],
        [("POST", "/api/records/{recordId}/emergency-access")] = [ProblemTypes.AccessDenied, ProblemTypes.Erased, ProblemTypes.NoKey, ProblemTypes.IntegrityFailed, ProblemTypes.EmergencyUnavailable],
        [("POST", "/api/prescriptions/{prescriptionId}/dispenses")] = [ProblemTypes.AlreadyDispensed, ProblemTypes.PrescriptionExpired],
        [("GET", "/api/emergency-accesses/{accessId}/reason")] = [ProblemTypes.LedgerConflict, ProblemTypes.NotCommitted, ProblemTypes.OutcomeUnknown, ProblemTypes.NoKey, ProblemTypes.IntegrityFailed],
    };

    public static IServiceCollection AddMedChainOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "MedChain FabricGateway";
                document.Info.Description =
                    "Records, consents, access log, emergency access and prescriptions over HTTP; every call is made on the ledger as the "
                    + "authenticated person and the chaincode decides. POST and PUT honour Idempotency-Key. Errors are RFC 9457 problem "
                    + $"details whose type is one of:\n\n{string.Join('\n', ProblemTypes.All.Select(t => $"- `{t.Uri}` ({t.Status}): {t.Description}"))}";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var route = "/" + (context.Description.RelativePath ?? string.Empty).Split('?')[0].TrimEnd('/');
                var method = context.Description.HttpMethod ?? "GET";
                if (!route.StartsWith("/api/", StringComparison.Ordinal))
                {
                    return Task.CompletedTask;
                }

                var types = _common.AsEnumerable();
                if (method is "POST" or "PUT" or "DELETE")
                {
                    types = types.Concat(_writes);
                }

                if (method is "POST" or "PUT")
                {
                    types = types.Concat(_idempotent);
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Idempotency-Key",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "A retry with the same key replays the first answer and never submits twice (422: same key, other request; 409: still in progress).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                    });
                }

                if (_particular.TryGetValue((method, route), out var particular))
                {
                    types = types.Concat(particular);
                }

                operation.Responses ??= [];
                foreach (var group in types.Distinct().GroupBy(t => t.Status).OrderBy(g => g.Key))
                {
                    var media = new OpenApiMediaType { Schema = ProblemSchema(), Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal) };
                    foreach (var type in group)
                    {
                        media.Examples[type.Name] = new OpenApiExample
                        {
                            Summary = type.Title,
                            Description = type.Description,
                            Value = new JsonObject { ["type"] = type.Uri, ["title"] = type.Title, ["status"] = type.Status, ["detail"] = type.Description },
                        };
                    }

                    var key = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var description = string.Join("; ", group.Select(t => $"{t.Uri}: {t.Title}"));
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = media },
                    };
                }

                return Task.CompletedTask;
            });
        });

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Stable: one of the problem types listed in the document's description." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "400 validation: the field at fault." },
        },
    };
}
