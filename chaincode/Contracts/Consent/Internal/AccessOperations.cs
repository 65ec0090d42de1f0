using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.Consent.Internal;

/// <summary>The read path: access checks and break-glass access, each written to the patient's access log.</summary>
internal static class AccessOperations
{
    public const int MaxEmergencyReasonLength = 200;

    public static async Task<AccessCheckResult> CheckAccessAsync(Tx tx, string recordId, string purposeCode)
    {
        Require.RecordId(recordId);
        var purpose = ParsePurpose(purposeCode);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var (allowed, reason, consentId) = await ConsentRules.EvaluateReadAsync(tx, caller, head, purpose).ConfigureAwait(false);
        var entry = NewEntry(tx, caller, head, purpose, allowed, reason) with { ConsentId = consentId };
        await tx.PutAsync(LogKey(tx, entry), entry).ConfigureAwait(false);
        tx.Emit(EventNames.AccessLogged, entry);
        return Result(entry);
    }

    /// <summary>
    /// Break-glass: a doctor of a hospital reads without consent, giving a reason. Allowed unless the
    /// record is erased; logged as emergency and indexed for the regulator.
    /// </summary>
    public static async Task<AccessCheckResult> EmergencyAccessAsync(Tx tx, string recordId, string reason)
    {
        Require.RecordId(recordId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Errors.Invalid("reason", "is missing: emergency access needs a reason");
        }

        if (reason.Length > MaxEmergencyReasonLength)
        {
            throw Errors.Invalid("reason", $"is longer than {MaxEmergencyReasonLength} characters");
        }

        FreeText.Require(reason, "reason");

        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "emergency access", Role.Doctor);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var allowed = !head.Erased;
        var entry = NewEntry(tx, caller, head, ConsentPurpose.Emergency, allowed, allowed ? ConsentRules.ReasonEmergency : ConsentRules.ReasonErased)
            with
        { Emergency = true, EmergencyReason = reason.Trim() };
        await tx.PutAsync(LogKey(tx, entry), entry).ConfigureAwait(false);
        await tx.PutAsync(tx.Key(Keys.Emergency, Formats.SortableTime(entry.Time), entry.EntryId), new EmergencyIndex(entry.PatientId)).ConfigureAwait(false);
        tx.Emit(EventNames.EmergencyAccess, entry);
        return Result(entry);
    }

    public static async Task<Page<AccessLogEntry>> ListAccessLogAsync(Tx tx, string patientId, int pageSize, string? bookmark)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        await ConsentRules.RequirePatientDelegateOrRegulatorAsync(tx, caller, patientId, "reading an access log").ConfigureAwait(false);
        return await tx.ListAsync(Keys.AccessLog, [patientId], pageSize, bookmark, kv => Task.FromResult<AccessLogEntry?>(StateJson.Deserialize<AccessLogEntry>(kv.Value))).ConfigureAwait(false);
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

    private static AccessLogEntry NewEntry(Tx tx, Caller caller, AnchorHead head, ConsentPurpose purpose, bool allowed, string reason) => new()
    {
        EntryId = tx.TxId,
        PatientId = head.PatientId,
        RecordId = head.RecordId,
        RecordType = head.RecordType,
        Requester = caller.AsParty(),
        Purpose = purpose,
        Time = tx.Now,
        Decision = allowed ? AccessDecision.Allowed : AccessDecision.Denied,
        Reason = reason,
    };

    private static string LogKey(Tx tx, AccessLogEntry entry) =>
        tx.Key(Keys.AccessLog, entry.PatientId, Formats.SortableTime(entry.Time), entry.EntryId);

    private static AccessCheckResult Result(AccessLogEntry entry) => new()
    {
        Allowed = entry.Decision == AccessDecision.Allowed,
        Reason = entry.Reason,
        ConsentId = entry.ConsentId,
        EntryId = entry.EntryId,
        PatientId = entry.PatientId,
    };

    /// <summary>Value of an emergency index key: where the log entry lives.</summary>
    private sealed record EmergencyIndex(string PatientId);
}
