using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.Consent.Internal;

/// <summary>The read path: access checks and break-glass access, each written to the patient's access log.</summary>
internal static class AccessOperations
{
    public static async Task<AccessCheckResult> CheckAccessAsync(Tx tx, string recordId, string purposeCode)
    {
        Require.RecordId(recordId);
        var purpose = ParsePurpose(purposeCode);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var (allowed, reason, consentId) = await ConsentRules.EvaluateReadAsync(tx, caller, head, purpose).ConfigureAwait(false);
        var entry = NewEntry(tx, caller, head, allowed, reason) with { ConsentId = consentId };
        await tx.PutAsync(LogKey(tx, entry), entry).ConfigureAwait(false);
        tx.Emit(EventNames.AccessLogged, entry);
        return Result(entry);
    }

    /// <summary>
    /// Break-glass: a doctor of a hospital reads without consent, giving a coded reason and the SHA-256
    /// of their own words, stored off chain encrypted for their organization and the regulator. Allowed
    /// unless the record is erased or the doctor used up the registry's daily limit; logged as emergency
    /// (denials too) and indexed for the regulator.
    /// </summary>
    public static async Task<AccessCheckResult> EmergencyAccessAsync(Tx tx, string recordId, string reasonCode, string reasonDocumentSha256, string reasonDocumentId)
    {
        Require.RecordId(recordId);
        var code = ParseEmergencyReason(reasonCode);
        Require.Sha256(reasonDocumentSha256, "reasonDocumentSha256");
        Require.RecordId(reasonDocumentId, "reasonDocumentId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "emergency access", Role.Doctor);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var (allowed, reason) = head.Erased ? (false, ConsentRules.ReasonErased) : (true, ConsentRules.ReasonEmergency);
        if (allowed && !await EmergencyLimits.TryCountAsync(tx, caller).ConfigureAwait(false))
        {
            (allowed, reason) = (false, ConsentRules.ReasonEmergencyLimit);
        }

        var entry = NewEntry(tx, caller, head, allowed, reason)
            with
        { Emergency = true, EmergencyReasonCode = code, EmergencyReasonDocumentSha256 = reasonDocumentSha256, EmergencyReasonDocumentId = reasonDocumentId };
        await tx.PutAsync(LogKey(tx, entry), entry).ConfigureAwait(false);
        await tx.PutAsync(tx.Key(Keys.Emergency, Formats.SortableTime(entry.Time), entry.EntryId), new EmergencyIndex(entry.PatientId)).ConfigureAwait(false);
        await tx.PutAsync(tx.Key(Keys.EmergencyEntry, entry.EntryId), new EmergencyEntryIndex(entry.PatientId, Formats.SortableTime(entry.Time))).ConfigureAwait(false);
        tx.Emit(EventNames.EmergencyAccess, new EmergencyEvent(entry.EntryId, entry.PatientId, entry.RecordId, entry.Requester, EnumCodes<EmergencyReason>.ToCode(code), entry.Decision == AccessDecision.Allowed, entry.Reason, entry.Time));
        return Result(entry);
    }

    public static async Task<Page<AccessLogEntry>> ListAccessLogAsync(Tx tx, string patientId, int pageSize, string? bookmark)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        await ConsentRules.RequirePatientDelegateOrRegulatorAsync(tx, caller, patientId, "reading an access log").ConfigureAwait(false);
        return await tx.ListAsync(Keys.AccessLog, [patientId], pageSize, bookmark, kv => Task.FromResult<AccessLogEntry?>(StateJson.Deserialize<AccessLogEntry>(kv.Value))).ConfigureAwait(false);
    }

    /// <summary>
    /// A committed read of a break-glass reason, naming the reader: the regulator, or staff (doctor, service) of the
    /// organization whose doctor broke the glass. Logs the review on its own key and answers the reason document's id
    /// and SHA-256; the reader's service then fetches, checks and decrypts the document off chain.
    /// </summary>
    public static async Task<EmergencyReasonReview> ReviewEmergencyReasonAsync(Tx tx, string entryId)
    {
        Require.Sha256(entryId, "entryId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var index = await tx.GetAsync<EmergencyEntryIndex>(tx.Key(Keys.EmergencyEntry, entryId)).ConfigureAwait(false)
            ?? throw Errors.NotFound($"emergency access '{entryId}'");
        var entry = await tx.GetAsync<AccessLogEntry>(tx.Key(Keys.AccessLog, index.PatientId, index.Time, entryId)).ConfigureAwait(false)
            ?? throw Errors.NotFound($"emergency access '{entryId}'");
        var regulator = caller.Role == Role.Regulator && caller.OrgKind == OrgKind.Regulator;
        var accessingOrg = caller.Role is Role.Doctor or Role.Service && string.Equals(caller.MspId, entry.Requester.MspId, StringComparison.Ordinal);
        if (!regulator && !accessingOrg)
        {
            throw Errors.Forbidden($"reading the reason of emergency access '{entryId}' is reserved to the regulator and staff of '{entry.Requester.MspId}'");
        }

        if (entry.EmergencyReasonDocumentId is not { } documentId || entry.EmergencyReasonDocumentSha256 is not { } sha256 || entry.EmergencyReasonCode is not { } code)
        {
            throw Errors.NotFound($"a reason document of emergency access '{entryId}'");
        }

        var review = new EmergencyReasonReview
        {
            EntryId = entryId,
            PatientId = entry.PatientId,
            RecordId = entry.RecordId,
            Requester = entry.Requester,
            AccessedAt = entry.Time,
            ReasonCode = code,
            ReasonDocumentId = documentId,
            ReasonDocumentSha256 = sha256,
            Reviewer = caller.AsParty(),
            ReviewedAt = tx.Now,
            ReviewTxId = tx.TxId,
        };
        await tx.PutAsync(tx.Key(Keys.EmergencyReview, entryId, tx.TxId), review).ConfigureAwait(false);
        tx.Emit(EventNames.EmergencyReasonReviewed, new EmergencyReviewEvent(review.EntryId, review.PatientId, review.Reviewer, review.ReviewedAt));
        return review;
    }

    /// <summary>Every break-glass access, oldest first (regulator only).</summary>
    public static async Task<Page<AccessLogEntry>> ListEmergencyAccessesAsync(Tx tx, int pageSize, string? bookmark)
    {
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "listing emergency accesses", Role.Regulator);
        return await tx.ListAsync(Keys.Emergency, [], pageSize, bookmark, async kv =>
        {
            var (_, attributes) = tx.Stub.SplitCompositeKey(kv.Key);
            var index = StateJson.Deserialize<EmergencyIndex>(kv.Value);
            return await tx.GetAsync<AccessLogEntry>(tx.Key(Keys.AccessLog, index.PatientId, attributes[0], attributes[1])).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static EmergencyReason ParseEmergencyReason(string? code) =>
        EnumCodes<EmergencyReason>.TryParse(code ?? string.Empty, out var reason)
            ? reason
            : throw Errors.Invalid("reasonCode", $"unknown value '{Identifiers.Ids.Shorten(code ?? string.Empty)}' (one of: {EnumCodes<EmergencyReason>.Allowed})");

    private static ConsentPurpose ParsePurpose(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            throw Errors.Invalid("purpose", $"is missing (one of: {EnumCodes<ConsentPurpose>.Allowed})");
        }

        return EnumCodes<ConsentPurpose>.TryParse(code, out var purpose)
            ? purpose
            : throw Errors.Invalid("purpose", $"unknown value '{(code.Length > 40 ? code[..40] : code)}' (one of: {EnumCodes<ConsentPurpose>.Allowed})");
    }

    private static AccessLogEntry NewEntry(Tx tx, Caller caller, AnchorHead head, bool allowed, string reason) => new()
    {
        EntryId = tx.TxId,
        PatientId = head.PatientId,
        RecordId = head.RecordId,
        Requester = caller.AsParty(),
        Time = tx.Now,
        Decision = allowed ? AccessDecision.Allowed : AccessDecision.Denied,
        Reason = reason,
    };

    private static string LogKey(Tx tx, AccessLogEntry entry) =>
        tx.Key(Keys.AccessLog, entry.PatientId, Formats.SortableTime(entry.Time), entry.EntryId);

    /// <summary>The caller's answer: a denial names no patient (the log entry keeps everything).</summary>
    private static AccessCheckResult Result(AccessLogEntry entry) => entry.Decision == AccessDecision.Allowed
        ? new() { Allowed = true, Reason = entry.Reason, ConsentId = entry.ConsentId, EntryId = entry.EntryId, PatientId = entry.PatientId }
        : new() { Allowed = false, Reason = entry.Reason, EntryId = entry.EntryId };

    /// <summary>Value of an emergency index key: where the log entry lives.</summary>
    internal sealed record EmergencyIndex(string PatientId);

    /// <summary>Value of an emergency entry key: the log entry's patient and sortable time.</summary>
    internal sealed record EmergencyEntryIndex(string PatientId, string Time);

    /// <summary>Payload of EmergencyReasonReviewed: who read which break-glass reason, when.</summary>
    internal sealed record EmergencyReviewEvent(string EntryId, string PatientId, Party Reviewer, DateTimeOffset ReviewedAt);

    /// <summary>The EmergencyAccess event (the regulator listens): who, which record, the coded reason; ids and states only.</summary>
    internal sealed record EmergencyEvent(string EntryId, string PatientId, string RecordId, Party Requester, string ReasonCode, bool Allowed, string Decision, DateTimeOffset Time);
}
