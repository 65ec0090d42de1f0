using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Apis;

/// <summary>The records endpoints: store and anchor, read anchor, read content, grant, erase.</summary>
public static partial class RecordsApi
{
    /// <summary>Maps <c>/api/records</c>.</summary>
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/records").WithTags("Records").RequireAuthorization();
        records.MapPut("/{recordId}", StoreAsync).Accepts<Stream>("application/octet-stream");
        records.MapGet("/{recordId}", GetAnchorAsync);
        records.MapGet("/{recordId}/content", GetContentAsync);
        records.MapPost("/{recordId}/grants", GrantAsync);
        records.MapDelete("/{recordId}", EraseAsync);
        return app;
    }

    /// <summary>
    /// Encrypts the request body into blob storage and anchors its hash. PUT because the client names the
    /// record; a repeated PUT of an existing record is refused (409), never an overwrite.
    /// </summary>
    public static async Task<Results<Created<StoreRecordResponse>, ProblemHttpResult>> StoreAsync(
        string recordId,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? patientId,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? recordType,
        HttpRequest request,
        RecordService service,
        IOptions<EncryptionOptions> encryption,
        CancellationToken cancellationToken)
    {
        if (Validate(recordId, patientId, recordType) is { } invalid)
        {
            return invalid;
        }

        var limit = encryption.Value.MaxRecordBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // Kestrel caps bodies at 30 MB by default; records (imaging) are far larger, and this limit is ours.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        await using var body = new LimitedReadStream(request.Body, limit);
        var result = await service.StoreAsync(new NewRecord(recordId, patientId!, recordType!), body, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/records/{Uri.EscapeDataString(recordId)}",
            new StoreRecordResponse(result.Anchor, result.TransactionId, result.BlockNumber, result.PlaintextSha256));
    }

    /// <summary>The record's anchor (hash, size, custodian, time), if the chaincode lets this organization read it.</summary>
    public static async Task<Ok<AnchorView>> GetAnchorAsync(string recordId, RecordService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAnchorAsync(recordId, cancellationToken).ConfigureAwait(false));

    /// <summary>Streams the decrypted record; the ciphertext is checked against the anchored SHA-256 as it is read.</summary>
    public static async Task<FileStreamHttpResult> GetContentAsync(string recordId, RecordService service, CancellationToken cancellationToken)
    {
        var (anchor, content) = await service.OpenAsync(recordId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(content, "application/octet-stream", fileDownloadName: null, lastModified: anchor.AnchoredAt);
    }

    /// <summary>Wraps the record's key for another organization (after the patient's consent on chain).</summary>
    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> GrantAsync(string recordId, GrantRequest grant, RecordService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (string.IsNullOrWhiteSpace(grant.MspId))
        {
            return ValidationProblem("mspId", "is required");
        }

        var added = await service.GrantAsync(recordId, grant.MspId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new GrantResponse(recordId, grant.MspId, added));
    }

    /// <summary>Destroys the record's keys (it can never be decrypted again) and flags the anchor erased.</summary>
    public static async Task<Ok<EraseResponse>> EraseAsync(string recordId, RecordService service, CancellationToken cancellationToken)
    {
        var erased = await service.EraseAsync(recordId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new EraseResponse(erased.Anchor, erased.TransactionId, erased.Proof.DestroyedKeys.Count, erased.Proof.ErasedAt));
    }

    private static ProblemHttpResult? Validate(string recordId, string? patientId, string? recordType)
    {
        if (!RecordIdPattern().IsMatch(recordId))
        {
            return ValidationProblem("recordId", "must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }

        if (patientId is null || !PatientIdPattern().IsMatch(patientId))
        {
            return ValidationProblem("patientId", "must be a pseudonym: 'pat-' followed by 32 to 64 lowercase hex digits");
        }

        return recordType is null || !CodePattern().IsMatch(recordType)
            ? ValidationProblem("recordType", "must be a lowercase code of letters, digits and '-', up to 64 characters")
            : null;
    }

    private static ProblemHttpResult ValidationProblem(string field, string problem) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: $"{field} {problem}.", extensions: new Dictionary<string, object?> { ["field"] = field });

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Record too large", detail: $"Records are limited to {limit} bytes.");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex RecordIdPattern();

    [GeneratedRegex("^pat-[0-9a-f]{32,64}$")]
    private static partial Regex PatientIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex CodePattern();
}

/// <summary>The answer to a stored record.</summary>
public sealed record StoreRecordResponse(AnchorView Anchor, string TransactionId, ulong BlockNumber, string? PlaintextSha256);

/// <summary>Which organization to grant a record's key to.</summary>
public sealed record GrantRequest([property: Required] string MspId);

/// <summary>The answer to a grant: false when the organization already had the key.</summary>
public sealed record GrantResponse(string RecordId, string MspId, bool Added);

/// <summary>The answer to an erasure.</summary>
public sealed record EraseResponse(AnchorView Anchor, string TransactionId, int DestroyedKeys, DateTimeOffset ErasedAt);
