using System.Security.Claims;
using System.Text.Json;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.FabricGateway.Apis;

/// <summary>
/// Admission (a hospital's staff enrols a patient's pseudonym at their organization, so the patient can act as
/// themself) and the basis of an erasure (the patient's request or the regulator's order, before the custodian's
/// service may erase with <c>DELETE /api/records/{recordId}</c>).
/// </summary>
public static class PatientsApi
{
    /// <summary>Maps <c>POST /api/patients/{patientId}/enrollment</c>, <c>GET /api/patients/{patientId}/records</c> and <c>POST /api/records/{recordId}/erasure-request</c>.</summary>
    public static IEndpointRouteBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients/{patientId}").WithTags("Patients").RequireAuthorization();
        patients.MapPost("/enrollment", EnrollAsync);
        patients.MapGet("/records", ListRecordsAsync);
        app.MapGroup("/api/records/{recordId}").WithTags("Records").RequireAuthorization()
            .MapPost("/erasure-request", RequestErasureAsync);
        return app;
    }

    /// <summary>The record's patient requests its erasure; a regulator's call is an order. The chaincode decides who may.</summary>
    public static async Task<Results<Created<ErasureRequestResponse>, ProblemHttpResult>> RequestErasureAsync(
        string recordId, ClaimsPrincipal user, IErasureLedger ledger, PersonalIdentities identities, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(IdKind.Record, recordId))
        {
            return RecordsApi.ValidationProblem("recordId", $"must be {Ids.Describe(IdKind.Record)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var requested = await ledger.RequestAsync(identity, recordId, caller.Role == "regulator", cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/records/{Uri.EscapeDataString(recordId)}/erasure-request", new ErasureRequestResponse(requested.Value, requested.TransactionId));
    }

    /// <summary>
    /// One page of the patient's records (ids, custodian, current version, hash, state, sign-offs; no content): the
    /// patient, a delegate, the regulator (without record types), or staff of an organization holding a consent of the
    /// patient in force, who see the records their organization keeps or a consent covers. The chaincode decides.
    /// </summary>
    public static async Task<Results<Ok<PatientRecordsResponse>, ProblemHttpResult>> ListRecordsAsync(
        string patientId, [Microsoft.AspNetCore.Mvc.FromQuery] int? pageSize, [Microsoft.AspNetCore.Mvc.FromQuery] string? bookmark,
        ClaimsPrincipal user, IRecordLedger ledger, PersonalIdentities identities, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(IdKind.Patient, patientId))
        {
            return RecordsApi.ValidationProblem("patientId", $"must be a pseudonym: {Ids.Describe(IdKind.Patient)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var page = await ledger.ListByPatientAsync(identity, patientId, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PatientRecordsResponse(page.Items, Paging.Next(page, size)));
    }

    /// <summary>Enrols the patient at the caller's organization (doctors, pharmacists, services; the chaincode decides). 409: enrolled already.</summary>
    public static async Task<Results<Created<PatientEnrollmentResponse>, ProblemHttpResult>> EnrollAsync(
        string patientId, ClaimsPrincipal user, IPatientLedger ledger, PersonalIdentities identities, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(IdKind.Patient, patientId))
        {
            return RecordsApi.ValidationProblem("patientId", $"must be a pseudonym: {Ids.Describe(IdKind.Patient)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var enrolled = await ledger.EnrollAsync(identity, patientId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/patients/{Uri.EscapeDataString(patientId)}/enrollment", new PatientEnrollmentResponse(enrolled.Value, enrolled.TransactionId));
    }
}

/// <summary>The committed erasure request or order as the chaincode returned it, and its transaction.</summary>
public sealed record ErasureRequestResponse(JsonElement Request, string TransactionId);

/// <summary>A page of a patient's records and the bookmark of the next page (null: the last).</summary>
public sealed record PatientRecordsResponse(IReadOnlyList<JsonElement> Items, string? Bookmark);

/// <summary>The committed enrolment as the chaincode returned it, and its transaction.</summary>
public sealed record PatientEnrollmentResponse(JsonElement Enrollment, string TransactionId);
