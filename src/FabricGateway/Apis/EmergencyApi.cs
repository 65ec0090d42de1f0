using System.Security.Claims;
using System.Text.Json;
using MedChain.FabricGateway.Consents;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Records;
using MedChain.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.FabricGateway.Apis;

/// <summary>Break-glass reads by doctors, and the regulator's list of them.</summary>
public static class EmergencyApi
{
    /// <summary>Header naming the access-log entry (the transaction) of a break-glass read.</summary>
    public const string EntryHeader = "MedChain-Access-Entry";

    /// <summary>Header naming the encrypted reason document of a break-glass read.</summary>
    public const string ReasonDocumentHeader = "MedChain-Reason-Document";

    public static IEndpointRouteBuilder MapEmergencyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/records/{recordId}/emergency-access", AccessAsync).WithTags("Emergency").RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        app.MapGet("/api/emergency-accesses", ListAsync).WithTags("Emergency").RequireAuthorization();
        app.MapGet("/api/emergency-accesses/{accessId}/reason", ReadReasonAsync).WithTags("Emergency").RequireAuthorization();
        return app;
    }

    /// <summary>
    /// A doctor's break-glass read: the reason text is sealed in an encrypted document (for this organization and the
    /// regulator), the access is logged on chain with the reason code and the document's hash, the regulator alerted
    /// (the chaincode's EmergencyAccess event), and once committed VALID the record's content is released for this one read.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> AccessAsync(
        string recordId, EmergencyRequest request, ClaimsPrincipal user, EmergencyAccessService service, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (!Ids.IsValid(IdKind.Record, recordId))
        {
            return RecordsApi.ValidationProblem("recordId", $"must be {Ids.Describe(IdKind.Record)}");
        }

        if (request.ReasonCode is null || !EmergencyAccessService.ReasonCodes.Contains(request.ReasonCode))
        {
            return RecordsApi.ValidationProblem("reasonCode", $"must be one of {string.Join(", ", EmergencyAccessService.ReasonCodes)}");
        }

        // Checked before anything is stored: a reason the chaincode would refuse must leave no document behind.
        if (string.IsNullOrWhiteSpace(request.ReasonText) || request.ReasonText.Length > EmergencyAccessService.MaxReasonLength
            || request.ReasonText.Any(c => char.IsControl(c) && c is not ' '))
        {
            return RecordsApi.ValidationProblem("reasonText", $"is required: 1 to {EmergencyAccessService.MaxReasonLength} characters, no control characters");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var released = await service.AccessAsync(caller, recordId, request.ReasonCode, request.ReasonText, cancellationToken).ConfigureAwait(false);
        response.Headers[EntryHeader] = released.EntryId;
        response.Headers[ReasonDocumentHeader] = released.ReasonDocumentId;
        return TypedResults.Stream(released.Content, "application/octet-stream", fileDownloadName: null, lastModified: released.Anchor.AnchoredAt);
    }

    /// <summary>
    /// The doctor's own words for break-glass access <paramref name="accessId"/> (its access-log entry id), for the regulator
    /// and staff of the doctor's organization: the read is committed on chain naming the reader first, and the document
    /// is released only if its SHA-256 matches the one on the access's entry (502 <c>integrity-failed</c> otherwise).
    /// </summary>
    public static async Task<Results<Ok<EmergencyReasonResponse>, ProblemHttpResult>> ReadReasonAsync(
        string accessId, ClaimsPrincipal user, EmergencyAccessService service, CancellationToken cancellationToken)
    {
        if (!IsEntryId(accessId))
        {
            return RecordsApi.ValidationProblem("accessId", "must be an access-log entry id (a transaction id: 64 lowercase hex digits)");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var read = await service.ReadReasonAsync(caller, accessId, cancellationToken).ConfigureAwait(false);
        var review = read.Review;
        return TypedResults.Ok(new EmergencyReasonResponse(
            review.EntryId, review.PatientId, review.RecordId, review.Requester, review.AccessedAt, review.ReasonCode, read.ReasonText,
            review.ReasonDocumentId, review.ReasonDocumentSha256, review.Reviewer, review.ReviewedAt, read.TransactionId));
    }

    /// <summary>Every break-glass access, oldest first (the regulator).</summary>
    public static async Task<Results<Ok<AccessLogResponse>, ProblemHttpResult>> ListAsync(
        [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var page = await service.ListEmergencyAccessesAsync(caller, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AccessLogResponse(page.Items, Paging.Next(page, size)));
    }

    private static bool IsEntryId(string value) => value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>A break-glass reason as released to its reviewer, and the review's transaction (the logged read).</summary>
public sealed record EmergencyReasonResponse(
    string AccessId, string PatientId, string RecordId, JsonElement Requester, DateTimeOffset AccessedAt, string ReasonCode, string ReasonText,
    string ReasonDocumentId, string ReasonDocumentSha256, JsonElement ReviewedBy, DateTimeOffset ReviewedAt, string TransactionId);

/// <summary>A break-glass request: a reason code (patient-unconscious, life-threatening, resuscitation, poisoning, other) and the doctor's words.</summary>
public sealed record EmergencyRequest(string? ReasonCode, string? ReasonText);
