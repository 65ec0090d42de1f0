using System.Security.Claims;
using System.Text.Json;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Prescriptions;
using MedChain.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.FabricGateway.Apis;

/// <summary>E-prescriptions (FHIR R4 MedicationRequest vocabulary), each call made on chain as the caller.</summary>
public static class PrescriptionsApi
{
    public static IEndpointRouteBuilder MapPrescriptionsApi(this IEndpointRouteBuilder app)
    {
        var prescriptions = app.MapGroup("/api/prescriptions").WithTags("Prescriptions").RequireAuthorization();
        prescriptions.MapPost("/", IssueAsync);
        prescriptions.MapGet("/{prescriptionId}", GetAsync);
        prescriptions.MapPut("/{prescriptionId}/dispensing-code", SetDispensingCodeAsync);
        prescriptions.MapPost("/{prescriptionId}/dispenses", DispenseAsync);
        prescriptions.MapPost("/{prescriptionId}/cancellation", CancelAsync);
        prescriptions.MapGet("/{prescriptionId}/history", HistoryAsync);
        app.MapGet("/api/patients/{patientId}/prescriptions", ListByPatientAsync).WithTags("Prescriptions").RequireAuthorization();
        app.MapGet("/api/organization/prescriptions", ListForOrganizationAsync).WithTags("Prescriptions").RequireAuthorization();
        return app;
    }

    /// <summary>A doctor issues a prescription; the chaincode checks every field and names it <c>rx-</c> + the transaction id.</summary>
    public static async Task<Results<Created<PrescriptionResponse>, ProblemHttpResult>> IssueAsync(MedicationRequestBody body, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!Ids.IsValid(IdKind.Patient, body.PatientId))
        {
            return RecordsApi.ValidationProblem("patientId", $"must be a pseudonym: {Ids.Describe(IdKind.Patient)}");
        }

        if (body.Medication is not { System: not null, Code: not null, Display: not null } medication)
        {
            return RecordsApi.ValidationProblem("medication", "is required: system, code and display");
        }

        if (body.Dosage is not { Text: not null } dosage)
        {
            return RecordsApi.ValidationProblem("dosage", "is required, with text");
        }

        if (body.Quantity is not { Value: { } value, Unit: not null } quantity)
        {
            return RecordsApi.ValidationProblem("quantity", "is required: value and unit");
        }

        if (body.ValidityPeriod is not { End: { } end } validity)
        {
            return RecordsApi.ValidationProblem("validityPeriod", "is required, with an end");
        }

        if (body.DesignatedPharmacyMspId is { } pharmacy && !Ids.IsValid(IdKind.Msp, pharmacy))
        {
            return RecordsApi.ValidationProblem("designatedPharmacyMspId", $"must be {Ids.Describe(IdKind.Msp)}");
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var request = new PrescriptionIssue(
            body.PatientId!,
            new PrescribedMedication(medication.System, medication.Code, medication.Display),
            new PrescribedDosage(
                dosage.Text,
                dosage.DoseQuantity is { Value: { } doseValue, Unit: { } doseUnit } ? new PrescribedQuantity(doseValue, doseUnit) : null,
                dosage.Frequency,
                dosage.Period,
                dosage.PeriodUnit),
            new PrescribedQuantity(value, quantity.Unit),
            body.NumberOfRepeatsAllowed,
            new ConsentPeriod(validity.Start, end),
            body.DesignatedPharmacyMspId);
        var issued = await service.IssueAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var id = issued.Prescription.GetProperty("prescriptionId").GetString()!;
        return TypedResults.Created($"/api/prescriptions/{Uri.EscapeDataString(id)}", new PrescriptionResponse(issued.Prescription, issued.TransactionId));
    }

    /// <summary>One prescription (the patient, the prescriber's organization, pharmacies allowed to dispense it, the regulator).</summary>
    public static Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(string prescriptionId, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken) =>
        ReadAsync(prescriptionId, user, caller => service.GetAsync(caller, prescriptionId, cancellationToken));

    /// <summary>Every committed version of the prescription, newest first: how it flowed (the regulator follows it here).</summary>
    public static Task<Results<Ok<JsonElement>, ProblemHttpResult>> HistoryAsync(string prescriptionId, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken) =>
        ReadAsync(prescriptionId, user, caller => service.HistoryAsync(caller, prescriptionId, cancellationToken));

    /// <summary>
    /// The patient sets the dispensing code they give the pharmacy of their choice (prescriptions without a designated
    /// pharmacy). The chain keeps only a keyed hash; the code travels in the transient map, never in a block.
    /// </summary>
    public static async Task<Results<Ok<PrescriptionResponse>, ProblemHttpResult>> SetDispensingCodeAsync(
        string prescriptionId, DispensingCodeBody body, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (InvalidId(prescriptionId) is { } invalid)
        {
            return invalid;
        }

        if (InvalidCode(body.DispensingCode, required: true) is { } badCode)
        {
            return badCode;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var written = await service.SetDispensingCodeAsync(caller, prescriptionId, body.DispensingCode!, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PrescriptionResponse(written.Prescription, written.TransactionId));
    }

    /// <summary>
    /// A pharmacist dispenses a fill. <c>fill</c> (1 for the first) names the fill: if it was already dispensed the
    /// answer is 409, so a repeated dispense never counts twice. The patient's code where the prescription needs one.
    /// </summary>
    public static async Task<Results<Created<PrescriptionResponse>, ProblemHttpResult>> DispenseAsync(
        string prescriptionId, DispenseBody body, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (InvalidId(prescriptionId) is { } invalid)
        {
            return invalid;
        }

        if (body.Fill is < 1 or > 100)
        {
            return RecordsApi.ValidationProblem("fill", "must be 1 to 100");
        }

        if (InvalidCode(body.DispensingCode, required: false) is { } badCode)
        {
            return badCode;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var written = await service.DispenseAsync(caller, prescriptionId, body.Fill, body.DispensingCode, cancellationToken).ConfigureAwait(false);
        var count = written.Prescription.GetProperty("dispenseCount").GetInt32();
        return TypedResults.Created($"/api/prescriptions/{Uri.EscapeDataString(prescriptionId)}/dispenses/{count}", new PrescriptionResponse(written.Prescription, written.TransactionId));
    }

    /// <summary>The prescriber or the patient cancels (no fill yet) or stops (after a fill) an active prescription.</summary>
    public static async Task<Results<Ok<PrescriptionResponse>, ProblemHttpResult>> CancelAsync(string prescriptionId, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
    {
        if (InvalidId(prescriptionId) is { } invalid)
        {
            return invalid;
        }

        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var written = await service.CancelAsync(caller, prescriptionId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PrescriptionResponse(written.Prescription, written.TransactionId));
    }

    /// <summary>One page of the patient's prescriptions (the patient, a delegate, the regulator).</summary>
    public static async Task<Results<Ok<PrescriptionListResponse>, ProblemHttpResult>> ListByPatientAsync(
        string patientId, [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
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
        var page = await service.ListByPatientAsync(caller, patientId, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PrescriptionListResponse(page.Items, Paging.Next(page, size)));
    }

    /// <summary>One page of the prescriptions designated to or dispensed by the caller's pharmacy.</summary>
    public static async Task<Results<Ok<PrescriptionListResponse>, ProblemHttpResult>> ListForOrganizationAsync(
        [FromQuery] int? pageSize, [FromQuery] string? bookmark, ClaimsPrincipal user, PrescriptionService service, CancellationToken cancellationToken)
    {
        if (Person.FromPrincipal(user) is not { } caller)
        {
            return RecordsApi.NoFabricIdentity();
        }

        var size = Paging.Size(pageSize);
        var page = await service.ListByPharmacyAsync(caller, size, bookmark, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PrescriptionListResponse(page.Items, Paging.Next(page, size)));
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> ReadAsync(string prescriptionId, ClaimsPrincipal user, Func<Person, Task<JsonElement>> read)
    {
        if (InvalidId(prescriptionId) is { } invalid)
        {
            return invalid;
        }

        return Person.FromPrincipal(user) is { } caller
            ? TypedResults.Ok(await read(caller).ConfigureAwait(false))
            : RecordsApi.NoFabricIdentity();
    }

    private static ProblemHttpResult? InvalidId(string prescriptionId) =>
        Ids.IsValid(IdKind.Prescription, prescriptionId) ? null : RecordsApi.ValidationProblem("prescriptionId", $"must be {Ids.Describe(IdKind.Prescription)}");

    /// <summary>The chaincode's grammar for dispensing codes: 16 to 64 of A-Z, a-z, 0-9 or '-'.</summary>
    private static ProblemHttpResult? InvalidCode(string? code, bool required) =>
        (code is null && !required) || (code is { Length: >= 16 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            ? null
            : RecordsApi.ValidationProblem("dispensingCode", "must be 16 to 64 characters of A-Z, a-z, 0-9 or '-'");
}

/// <summary>
/// A prescription to issue, in FHIR R4 MedicationRequest vocabulary: <c>medication</c> (medicationCodeableConcept's
/// coding), <c>dosage</c> (dosageInstruction), <c>quantity</c>, <c>numberOfRepeatsAllowed</c> and <c>validityPeriod</c>
/// (dispenseRequest), <c>designatedPharmacyMspId</c> (dispenseRequest.performer).
/// </summary>
public sealed record MedicationRequestBody(
    string? PatientId,
    MedicationCoding? Medication,
    DosageBody? Dosage,
    QuantityBody? Quantity,
    int? NumberOfRepeatsAllowed,
    PeriodBody? ValidityPeriod,
    string? DesignatedPharmacyMspId);

/// <summary>A FHIR Coding, e.g. <c>{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361","display":"Amlodipine 5 MG Oral Tablet"}</c>.</summary>
public sealed record MedicationCoding(string? System, string? Code, string? Display);

/// <summary>A FHIR Dosage in brief: text, dose, and Timing.repeat frequency per period periodUnit (s, min, h, d, wk, mo, a).</summary>
public sealed record DosageBody(string? Text, QuantityBody? DoseQuantity, int? Frequency, decimal? Period, string? PeriodUnit);

/// <summary>A FHIR SimpleQuantity.</summary>
public sealed record QuantityBody(decimal? Value, string? Unit);

/// <summary>A FHIR Period; no start means from the issuing transaction's time.</summary>
public sealed record PeriodBody(DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>The dispensing code the patient gives their pharmacy.</summary>
public sealed record DispensingCodeBody(string? DispensingCode);

/// <summary>A dispense: which fill (1 for the first; recommended, it makes a repeat a 409) and the patient's code where needed.</summary>
public sealed record DispenseBody(int? Fill, string? DispensingCode);

/// <summary>A prescription as read back after a committed write, and that write's transaction.</summary>
public sealed record PrescriptionResponse(JsonElement Prescription, string TransactionId);

/// <summary>A page of prescriptions and the bookmark of the next page (null: the last).</summary>
public sealed record PrescriptionListResponse(IReadOnlyList<JsonElement> Items, string? Bookmark);
