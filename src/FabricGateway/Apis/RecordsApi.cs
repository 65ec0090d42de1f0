using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;
using MedChain.Identifiers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Apis;

/// <summary>The records endpoints: store and anchor, read anchor, read content, grant, erase.</summary>
public static class RecordsApi
{
    private const int _maxPurposeLength = 64;

    /// <summary>Maps <c>/api/records</c>.</summary>
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/records").WithTags("Records").RequireAuthorization();
        records.MapPut("/{recordId}", StoreAsync).Accepts<Stream>("application/octet-stream");
        records.MapGet("/{recordId}", GetAnchorAsync);
        records.MapGet("/{recordId}/content", GetContentAsync);
        records.MapPost("/{recordId}/grants", GrantAsync);
        records.MapDelete("/{recordId}", EraseAsync);
        records.MapGet("/{recordId}/verify", VerifyAsync);
        records.MapPost("/{recordId}/sign-offs", SignOffAsync);
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
        ClaimsPrincipal user,
        RecordService service,
        IOptions<EncryptionOptions> encryption,
        CancellationToken cancellationToken)
    {
        if (Validate(recordId, patientId, recordType) is { } invalid)
        {
            return invalid;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return NoFabricIdentity();
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
        var result = await service.StoreAsync(caller, new NewRecord(recordId, patientId!, recordType!), body, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/records/{Uri.EscapeDataString(recordId)}",
            new StoreRecordResponse(result.Anchor, result.TransactionId, result.BlockNumber, result.PlaintextSha256));
    }

    /// <summary>The record's anchor (hash, size, custodian, time), if the chaincode lets this organization read it.</summary>
    public static async Task<Results<Ok<AnchorView>, ProblemHttpResult>> GetAnchorAsync(string recordId, ClaimsPrincipal user, RecordService service, CancellationToken cancellationToken) =>
        Person.FromPrincipal(user) is { } caller
            ? TypedResults.Ok(await service.GetAnchorAsync(caller, recordId, cancellationToken).ConfigureAwait(false))
            : NoFabricIdentity();

    /// <summary>
    /// Streams the decrypted record once the caller's access check for the stated <paramref name="purpose"/>
    /// (treatment, research, …) committed on chain; the ciphertext is checked against the anchored SHA-256 as it is read.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetContentAsync(
        string recordId, [Microsoft.AspNetCore.Mvc.FromQuery] string? purpose, ClaimsPrincipal user, RecordService service, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(purpose) || purpose.Length > _maxPurposeLength)
        {
            return ValidationProblem("purpose", "is required: why the record is read (e.g. treatment)");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return NoFabricIdentity();
        }

        var (anchor, content) = await service.OpenAsync(caller, recordId, purpose, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(content, "application/octet-stream", fileDownloadName: null, lastModified: anchor.AnchoredAt);
    }

    /// <summary>
    /// Wraps the record's key for another organization, only once the grant committed on chain (which checks a
    /// consent of the patient in force for that organization).
    /// </summary>
    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> GrantAsync(string recordId, GrantRequest grant, ClaimsPrincipal user, KeyGrantService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (Person.FromPrincipal(user) is not { } caller)
        {
            return NoFabricIdentity();
        }

        if (string.IsNullOrWhiteSpace(grant.MspId))
        {
            return ValidationProblem("mspId", "is required");
        }

        var granted = await service.GrantAsync(caller, recordId, grant.MspId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new GrantResponse(recordId, grant.MspId, granted.Added, granted.Grant.ConsentId, granted.TransactionId));
    }

    /// <summary>Flags the anchor erased on chain (if the chaincode lets this caller), then destroys the record's keys.</summary>
    public static async Task<Results<Ok<EraseResponse>, ProblemHttpResult>> EraseAsync(string recordId, ClaimsPrincipal user, RecordService service, CancellationToken cancellationToken)
    {
        if (Person.FromPrincipal(user) is not { } caller)
        {
            return NoFabricIdentity();
        }

        var erased = await service.EraseAsync(caller, recordId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new EraseResponse(erased.Anchor, erased.TransactionId, erased.Proof.DestroyedKeys.Count, erased.Proof.ErasedAt));
    }

    /// <summary>Recomputes the stored ciphertext's SHA-256 and compares it with the anchor (no record key needed).</summary>
    public static async Task<Results<Ok<RecordVerification>, ProblemHttpResult>> VerifyAsync(string recordId, ClaimsPrincipal user, RecordService service, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(IdKind.Record, recordId))
        {
            return ValidationProblem("recordId", $"must be {Ids.Describe(IdKind.Record)}");
        }

        return Person.FromPrincipal(user) is { } caller
            ? TypedResults.Ok(await service.VerifyAsync(caller, recordId, cancellationToken).ConfigureAwait(false))
            : NoFabricIdentity();
    }

    /// <summary>A doctor who may read the record signs off its current version (once per doctor); answers all its sign-offs.</summary>
    public static async Task<Results<Created<SignOffResponse>, ProblemHttpResult>> SignOffAsync(string recordId, ClaimsPrincipal user, RecordService service, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(IdKind.Record, recordId))
        {
            return ValidationProblem("recordId", $"must be {Ids.Describe(IdKind.Record)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return NoFabricIdentity();
        }

        var (signed, all) = await service.SignOffAsync(caller, recordId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/records/{Uri.EscapeDataString(recordId)}/sign-offs", new SignOffResponse(signed.TransactionId, all.Items));
    }

    private static ProblemHttpResult? Validate(string recordId, string? patientId, string? recordType)
    {
        if (!Ids.IsValid(IdKind.Record, recordId))
        {
            return ValidationProblem("recordId", $"must be {Ids.Describe(IdKind.Record)}");
        }

        if (!Ids.IsValid(IdKind.Patient, patientId))
        {
            return ValidationProblem("patientId", $"must be a pseudonym: {Ids.Describe(IdKind.Patient)}");
        }

        return !Ids.IsValid(IdKind.RecordType, recordType)
            ? ValidationProblem("recordType", $"must be {Ids.Describe(IdKind.RecordType)}")
            : null;
    }

    internal static ProblemHttpResult ValidationProblem(string field, string problem) =>
        ProblemTypes.Result(ProblemTypes.Validation, $"{field} {problem}.", new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The token names no single id and role a Fabric identity can carry.</summary>
    internal static ProblemHttpResult NoFabricIdentity() =>
        ProblemTypes.Result(ProblemTypes.NoIdentity, "The caller's token carries no usable subject and single role.");

    private static ProblemHttpResult TooLarge(long limit) =>
        ProblemTypes.Result(ProblemTypes.TooLarge, $"Records are limited to {limit} bytes.");
}

/// <summary>The answer to a stored record.</summary>
public sealed record StoreRecordResponse(AnchorView Anchor, string TransactionId, ulong BlockNumber, string? PlaintextSha256);

/// <summary>Which organization to grant a record's key to.</summary>
public sealed record GrantRequest([property: Required] string MspId);

/// <summary>The answer to a grant: the consent it rests on, its transaction; Added false when the organization already had the key.</summary>
public sealed record GrantResponse(string RecordId, string MspId, bool Added, string ConsentId, string TransactionId);

/// <summary>A committed sign-off: its transaction and every sign-off of the current version.</summary>
public sealed record SignOffResponse(string TransactionId, IReadOnlyList<System.Text.Json.JsonElement> SignOffs);

/// <summary>The answer to an erasure.</summary>
public sealed record EraseResponse(AnchorView Anchor, string TransactionId, int DestroyedKeys, DateTimeOffset ErasedAt);
