using MedChain.Contracts.Common;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.KeyGrants.Internal;

/// <summary>Grant, revoke and list record key grants; every decision against the patient's consents at the transaction time.</summary>
internal static class KeyGrantOperations
{
    /// <summary>keygrant~recordId~granteeMspId → KeyGrant (kept, flagged, after revocation).</summary>
    public const string GrantKeyType = "keygrant";

    /// <summary>keygrant-active~custodianMspId~recordId~granteeMspId → marker, while the grant is active (what a sweep lists).</summary>
    public const string ActiveKeyType = "keygrant-active";

    public static async Task<KeyGrant> GrantAsync(Tx tx, KeyGrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await RequireCustodianStaffAsync(tx, caller, request.RecordId, "granting a record key").ConfigureAwait(false);
        if (head.Erased)
        {
            throw Errors.Conflict($"record '{head.RecordId}' is erased");
        }

        if (string.Equals(request.GranteeMspId, head.CustodianMspId, StringComparison.Ordinal))
        {
            throw Errors.Invalid("request.granteeMspId", "is the custodian itself");
        }

        var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        if (registry?.KindOf(request.GranteeMspId) is null)
        {
            throw Errors.Invalid("request.granteeMspId", $"'{request.GranteeMspId}' is not a registered organization");
        }

        var consent = await FindCoveringConsentAsync(tx, head, request.GranteeMspId).ConfigureAwait(false)
            ?? throw Errors.Forbidden($"no consent of the patient in force lets '{request.GranteeMspId}' read record '{head.RecordId}'");
        var key = GrantKey(tx, head.RecordId, request.GranteeMspId);
        if (await tx.GetAsync<KeyGrant>(key).ConfigureAwait(false) is { Revoked: false } active)
        {
            return active;
        }

        var grant = new KeyGrant
        {
            RecordId = head.RecordId,
            PatientId = head.PatientId,
            CustodianMspId = head.CustodianMspId,
            GranteeMspId = request.GranteeMspId,
            ConsentId = consent.ConsentId,
            GrantedBy = caller.AsParty(),
            GrantedAt = tx.Now,
            TxId = tx.TxId,
        };
        await tx.PutAsync(key, grant).ConfigureAwait(false);
        await tx.PutMarkerAsync(ActiveKey(tx, grant)).ConfigureAwait(false);
        tx.Emit(KeyGrantContract.KeyGrantedEvent, Summary(grant));
        return grant;
    }

    public static async Task<KeyGrant> RevokeAsync(Tx tx, KeyGrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await RequireCustodianStaffAsync(tx, caller, request.RecordId, "revoking a record key grant").ConfigureAwait(false);
        var key = GrantKey(tx, head.RecordId, request.GranteeMspId);
        var grant = await tx.GetAsync<KeyGrant>(key).ConfigureAwait(false)
            ?? throw Errors.NotFound($"key grant of record '{head.RecordId}' to '{request.GranteeMspId}'");
        if (grant.Revoked)
        {
            return grant;
        }

        // The patient's consent decides, not the custodian: a grant stays while any consent covers it.
        if (!head.Erased && await FindCoveringConsentAsync(tx, head, grant.GranteeMspId).ConfigureAwait(false) is { } consent)
        {
            throw Errors.Conflict($"consent '{consent.ConsentId}' still lets '{grant.GranteeMspId}' read record '{head.RecordId}'");
        }

        var revoked = grant with { Revoked = true, RevokedBy = caller.AsParty(), RevokedAt = tx.Now };
        await tx.PutAsync(key, revoked).ConfigureAwait(false);
        await tx.Stub.DelStateAsync(ActiveKey(tx, grant), tx.CancellationToken).ConfigureAwait(false);
        tx.Emit(KeyGrantContract.KeyGrantRevokedEvent, Summary(revoked));
        return revoked;
    }

    public static async Task<Page<KeyGrant>> ListLapsedAsync(Tx tx, string custodianMspId, int pageSize, string? bookmark)
    {
        Require.MspId(custodianMspId, "custodianMspId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "listing lapsed key grants", Role.Doctor, Role.Service);
        if (!string.Equals(caller.MspId, custodianMspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"listing the key grants of '{custodianMspId}' is reserved to its own staff");
        }

        return await tx.ListAsync(ActiveKeyType, [custodianMspId], pageSize, bookmark, async kv =>
        {
            var attributes = tx.Stub.SplitCompositeKey(kv.Key).Attributes;
            var grant = await tx.GetAsync<KeyGrant>(GrantKey(tx, attributes[1], attributes[2])).ConfigureAwait(false);
            var head = await AnchorStore.FindHeadAsync(tx, attributes[1]).ConfigureAwait(false);
            if (grant is null || head is null)
            {
                return null;
            }

            return head.Erased || await FindCoveringConsentAsync(tx, head, grant.GranteeMspId).ConfigureAwait(false) is null ? grant : null;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The first consent (key order, so every endorser picks the same) of the record's patient in force at the
    /// transaction time that lets the organization read the record, for any purpose: each read is still checked
    /// per person and purpose by <c>Consent:CheckAccess</c>; the key only makes reading possible.
    /// </summary>
    private static async Task<PatientConsent?> FindCoveringConsentAsync(Tx tx, AnchorHead head, string granteeMspId)
    {
        var consents = await tx.ScanAsync<PatientConsent>(Keys.Consent, [head.PatientId]).ConfigureAwait(false);
        var candidates = consents.Where(c =>
            c.Status == ConsentStatus.Active
            && c.Period.Contains(tx.Now)
            && string.Equals(c.Grantee.MspId, granteeMspId, StringComparison.Ordinal));
        return await ConsentRules.FirstCoveringAsync(tx, candidates, head, purpose: null).ConfigureAwait(false);
    }

    /// <summary>The custodian's doctors and service wrap its keys; anyone else (the grantee included) is refused.</summary>
    private static async Task<AnchorHead> RequireCustodianStaffAsync(Tx tx, Caller caller, string recordId, string operation)
    {
        CallerResolver.RequireRole(caller, operation, Role.Doctor, Role.Service);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        return string.Equals(caller.MspId, head.CustodianMspId, StringComparison.Ordinal)
            ? head
            : throw Errors.Forbidden($"{operation} is reserved to the custodian '{head.CustodianMspId}'");
    }

    private static string GrantKey(Tx tx, string recordId, string granteeMspId) => tx.Key(GrantKeyType, recordId, granteeMspId);

    private static string ActiveKey(Tx tx, KeyGrant grant) => tx.Key(ActiveKeyType, grant.CustodianMspId, grant.RecordId, grant.GranteeMspId);

    /// <summary>Event payload: ids only.</summary>
    private static KeyGrantEvent Summary(KeyGrant g) =>
        new(g.RecordId, g.PatientId, g.CustodianMspId, g.GranteeMspId, g.ConsentId, g.Revoked, g.RevokedAt ?? g.GrantedAt);

    internal sealed record KeyGrantEvent(string RecordId, string PatientId, string CustodianMspId, string GranteeMspId, string ConsentId, bool Revoked, DateTimeOffset Time);
}
