namespace MedChain.FabricGateway.Apis;

/// <summary>One kind of RFC 9457 problem: its stable <c>type</c> URI, status and title.</summary>
public sealed record ProblemType(string Name, int Status, string Title, string Description)
{
    /// <summary>The base of every type URI; a URI names the kind of problem, never one occurrence, and does not change.</summary>
    public const string BaseUri = "https://medchain.example/problems/";

    public string Uri => BaseUri + Name;
}

/// <summary>
/// Every problem the service answers with. <see cref="ProblemMapping"/> and the endpoints use these; the OpenAPI
/// document lists them per endpoint, so clients can switch on <c>type</c> rather than on text.
/// </summary>
public static class ProblemTypes
{
    public static readonly ProblemType Validation = new("validation", 400, "Invalid request", "A field is missing or malformed; 'field' names it. Nothing was written.");
    public static readonly ProblemType Malformed = new("malformed", 400, "Bad request", "The request could not be read (malformed JSON, wrong content type). Nothing was written.");
    public static readonly ProblemType LedgerInvalid = new("ledger-invalid", 400, "Refused by the ledger as invalid", "The chaincode found the request invalid. Nothing was written.");
    public static readonly ProblemType UnknownOrganization = new("unknown-organization", 400, "Unknown organization", "No encryption key is configured for the organization named.");
    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401, "Unauthorized", "No valid bearer token or client certificate.");
    public static readonly ProblemType NoIdentity = new("no-identity", 403, "Forbidden", "The caller's credentials name no single id and role a Fabric identity can carry.");
    public static readonly ProblemType LedgerForbidden = new("ledger-forbidden", 403, "Refused by the ledger", "The chaincode refused this caller (no consent, wrong role or organization, wrong dispensing code).");
    public static readonly ProblemType AccessDenied = new("access-denied", 403, "Access denied", "The access check committed on chain denied the read; the denial is on the patient's access log.");
    public static readonly ProblemType NoKey = new("no-key", 403, "No key for this organization", "The record's data key is not wrapped for this organization (no key grant).");
    public static readonly ProblemType NotFound = new("not-found", 404, "Not found", "No such record, consent or prescription (or not visible to this caller).");
    public static readonly ProblemType LedgerConflict = new("ledger-conflict", 409, "Conflict on the ledger", "The chaincode refused the change in the current state (already dispensed, cancelled, expired, no fills left).");
    public static readonly ProblemType AlreadyDispensed = new("already-dispensed", 409, "Fill already dispensed", "The fill named was already dispensed (or is not the next one).");
    public static readonly ProblemType PrescriptionExpired = new("prescription-expired", 409, "Prescription expired", "The prescription's validity period ended before the dispense's transaction time; nothing was dispensed.");
    public static readonly ProblemType RecordExists = new("record-exists", 409, "Record already exists", "A record with this id is stored; records are never overwritten.");
    public static readonly ProblemType NotCommitted = new("not-committed", 409, "Transaction not committed", "The transaction was endorsed but did not commit VALID (e.g. an MVCC read conflict with a concurrent change); retry.");
    public static readonly ProblemType IdempotencyInFlight = new("idempotency-in-flight", 409, "Request in progress", "A request with this Idempotency-Key is still being processed; retry later.");
    public static readonly ProblemType ReplayWithoutContent = new("idempotency-replay-without-content", 409, "Content not replayed", "The first request with this Idempotency-Key completed; record content is released once and never kept for a replay.");
    public static readonly ProblemType Erased = new("erased", 410, "Record erased", "The record was erased (its keys destroyed); the anchor stays as proof.");
    public static readonly ProblemType TooLarge = new("too-large", 413, "Request too large", "The body exceeds the configured limit.");
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency-Key reused", "This Idempotency-Key was used by the same caller for a different request.");
    public static readonly ProblemType Unexpected = new("unexpected", 500, "Unexpected error", "The request failed; quote the trace id.");
    public static readonly ProblemType IntegrityFailed = new("integrity-failed", 502, "Stored record failed its integrity check", "The stored ciphertext does not match the hash anchored on chain: it was altered.");
    public static readonly ProblemType LedgerError = new("ledger-error", 502, "Ledger error", "The ledger answered with an error; quote the trace id.");
    public static readonly ProblemType LedgerUnavailable = new("ledger-unavailable", 503, "Ledger unavailable", "The peer's Gateway could not be reached. Nothing was committed; retry.");
    public static readonly ProblemType StorageUnavailable = new("storage-unavailable", 503, "Storage unavailable", "Blob storage could not be reached; retry.");
    public static readonly ProblemType EmergencyUnavailable = new("emergency-unavailable", 503, "Emergency access unavailable", "No regulator encryption key is configured, so no reason document can be sealed.");
    public static readonly ProblemType OutcomeUnknown = new("outcome-unknown", 504, "Outcome unknown", "The ledger did not confirm the transaction in time; it may still commit.");

    /// <summary>Every type, for the OpenAPI document.</summary>
    public static readonly IReadOnlyList<ProblemType> All =
    [
        Validation, Malformed, LedgerInvalid, UnknownOrganization, Unauthenticated, NoIdentity, LedgerForbidden, AccessDenied, NoKey, NotFound,
        LedgerConflict, AlreadyDispensed, PrescriptionExpired, RecordExists, NotCommitted, IdempotencyInFlight, ReplayWithoutContent, Erased, TooLarge,
        IdempotencyKeyReused, Unexpected, IntegrityFailed, LedgerError, LedgerUnavailable, StorageUnavailable, EmergencyUnavailable, OutcomeUnknown,
    ];

    /// <summary>The type of a problem written without one (status pages, framework refusals), by status.</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => Malformed,
        401 => Unauthenticated,
        403 => LedgerForbidden,
        404 => NotFound,
        409 => LedgerConflict,
        410 => Erased,
        413 => TooLarge,
        422 => IdempotencyKeyReused,
        502 => LedgerError,
        503 => LedgerUnavailable,
        504 => OutcomeUnknown,
        _ => Unexpected,
    };

    /// <summary>A problem result of <paramref name="type"/>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Result(ProblemType type, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: type.Status, title: type.Title, type: type.Uri, detail: detail, extensions: extensions);
}
