using System.Security.Claims;
using System.Text.Json;
using MedChain.FabricGateway.Consents;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.FabricGateway.Apis;

/// <summary>A patient's consents and access log, each call made on chain as the caller (the chaincode decides who may).</summary>
public static class ConsentsApi
{
    /// <summary>Maps <c>/api/patients/{patientId}</c>.</summary>
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients/{patientId}").WithTags("Consents").RequireAuthorization();
        patients.MapPost("/consents", GrantAsync);
        patients.MapDelete("/consents/{consentId}", RevokeAsync);
        patients.MapGet("/access-log", ListAccessLogAsync);
        patients.MapGet("/consents", ListAsync);
        patients.MapPut("/delegates/{mspId}/{personId}", AddDelegateAsync);
        patients.MapDelete("/delegates/{mspId}/{personId}", RemoveDelegateAsync);
        app.MapGet("/api/organization/consents", ListForOrganizationAsync).WithTags("Consents").RequireAuthorization();
        return app;
    }

    /// <summary>Grants a consent (the patient or a delegate, as themself).</summary>
    public static async Task<Results<Created<ConsentResponse>, ProblemHttpResult>> GrantAsync(string patientId, ConsentRequest consent, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (Invalid(patientId) is { } invalid)
        {
            return invalid;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var request = new ConsentGrant(
            patientId,
            new ConsentGrantee(consent.GranteeMspId ?? string.Empty, consent.GranteePersonId),
            new ConsentScopeView(consent.RecordTypes ?? [], consent.RecordIds ?? []),
            consent.Purpose ?? string.Empty,
            new ConsentPeriod(consent.Start, consent.End ?? default));
        var granted = await service.GrantAsync(caller, request, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/patients/{Uri.EscapeDataString(patientId)}/consents/{Uri.EscapeDataString(granted.Value.ConsentId)}",
            new ConsentResponse(granted.Value, granted.TransactionId, null));
    }

    /// <summary>Revokes a consent; the keys of this organization's records it covered are then removed.</summary>
    public static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> RevokeAsync(string patientId, string consentId, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        if (Invalid(patientId) is { } invalid)
        {
            return invalid;
        }

        if (!Ids.IsValid(IdKind.Consent, consentId))
        {
            return RecordsApi.ValidationProblem("consentId", $"must be {Ids.Describe(IdKind.Consent)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var revoked = await service.RevokeAsync(caller, patientId, consentId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ConsentResponse(revoked.Consent, revoked.TransactionId, revoked.KeyGrantsRemoved));
    }

    /// <summary>One page of the patient's access log, oldest first (the patient, a delegate, the regulator).</summary>
    public static async Task<Results<Ok<AccessLogResponse>, ProblemHttpResult>> ListAccessLogAsync(
        string patientId, [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        if (Invalid(patientId) is { } invalid)
        {
            return invalid;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var page = await service.ListAccessLogAsync(caller, patientId, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AccessLogResponse(page.Items, Paging.Next(page, size)));
    }

    /// <summary>One page of the patient's consents (the patient, a delegate, the regulator).</summary>
    public static async Task<Results<Ok<ConsentListResponse>, ProblemHttpResult>> ListAsync(
        string patientId, [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        if (Invalid(patientId) is { } invalid)
        {
            return invalid;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var page = await service.ListByPatientAsync(caller, patientId, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ConsentListResponse(page.Items, Paging.Next(page, size)));
    }

    /// <summary>One page of the consents granted to the caller's organization (its staff, the regulator).</summary>
    public static async Task<Results<Ok<ConsentListResponse>, ProblemHttpResult>> ListForOrganizationAsync(
        [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken)
    {
        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var page = await service.ListByGranteeAsync(caller, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ConsentListResponse(page.Items, Paging.Next(page, size)));
    }

    /// <summary>The patient names a delegate (e.g. a guardian) who may grant and revoke for them.</summary>
    public static Task<Results<Ok<DelegateResponse>, ProblemHttpResult>> AddDelegateAsync(string patientId, string mspId, string personId, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken) =>
        DelegateAsync(patientId, mspId, personId, user, (caller, ct) => service.AddDelegateAsync(caller, patientId, mspId, personId, ct), cancellationToken);

    /// <summary>The patient removes a delegate.</summary>
    public static Task<Results<Ok<DelegateResponse>, ProblemHttpResult>> RemoveDelegateAsync(string patientId, string mspId, string personId, ClaimsPrincipal user, ConsentService service, CancellationToken cancellationToken) =>
        DelegateAsync(patientId, mspId, personId, user, (caller, ct) => service.RemoveDelegateAsync(caller, patientId, mspId, personId, ct), cancellationToken);

    private static async Task<Results<Ok<DelegateResponse>, ProblemHttpResult>> DelegateAsync(
        string patientId, string mspId, string personId, ClaimsPrincipal user, Func<Person, CancellationToken, Task<LedgerWrite<JsonElement>>> write, CancellationToken cancellationToken)
    {
        if (Invalid(patientId) is { } invalid)
        {
            return invalid;
        }

        if (!Ids.IsValid(IdKind.Msp, mspId))
        {
            return RecordsApi.ValidationProblem("mspId", $"must be {Ids.Describe(IdKind.Msp)}");
        }

        if (!Ids.IsValid(IdKind.Person, personId))
        {
            return RecordsApi.ValidationProblem("personId", $"must be {Ids.Describe(IdKind.Person)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var written = await write(caller, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DelegateResponse(written.Value, written.TransactionId));
    }

    private static ProblemHttpResult? Invalid(string patientId) =>
        Ids.IsValid(IdKind.Patient, patientId) ? null : RecordsApi.ValidationProblem("patientId", $"must be a pseudonym: {Ids.Describe(IdKind.Patient)}");
}

/// <summary>
/// A consent to grant: to an organization (optionally one person in it), for record types and/or record ids,
/// one purpose (treatment, research, …), until <see cref="End"/>. The chaincode checks every field.
/// </summary>
public sealed record ConsentRequest(
    string? GranteeMspId,
    string? GranteePersonId,
    IReadOnlyList<string>? RecordTypes,
    IReadOnlyList<string>? RecordIds,
    string? Purpose,
    DateTimeOffset? Start,
    DateTimeOffset? End);

/// <summary>A consent as committed, its transaction, and (after a revocation) how many key grants were removed.</summary>
public sealed record ConsentResponse(ConsentView Consent, string TransactionId, int? KeyGrantsRemoved);

/// <summary>A page of consents and the bookmark of the next page (null: the last).</summary>
public sealed record ConsentListResponse(IReadOnlyList<ConsentView> Items, string? Bookmark);

/// <summary>A committed delegation change: the delegation and its transaction.</summary>
public sealed record DelegateResponse(JsonElement Delegation, string TransactionId);

/// <summary>A page of access-log entries and the bookmark of the next page (null: the last).</summary>
public sealed record AccessLogResponse(IReadOnlyList<JsonElement> Items, string? Bookmark);
