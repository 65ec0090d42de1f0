using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Consent.Internal;

/// <summary>Grant, revoke, read and list consents; name and remove delegates.</summary>
internal static class ConsentOperations
{
    public const string IdPrefix = Identifiers.Ids.ConsentPrefix;

    public static async Task<PatientConsent> GrantAsync(Tx tx, ConsentRequest request)
    {
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var (patientId, grantee, scope, purpose) = (request.PatientId, request.Grantee, request.Scope, request.Purpose);
        var period = ToPeriod(tx, request.Period, "request.period");
        await ConsentRules.RequirePatientOrDelegateAsync(tx, caller, patientId, "granting consent").ConfigureAwait(false);
        var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        if (registry?.KindOf(grantee.MspId) is null)
        {
            throw Errors.Invalid("request.grantee.mspId", $"'{grantee.MspId}' is not a registered organization");
        }

        var consent = new PatientConsent
        {
            ConsentId = IdPrefix + tx.TxId,
            PatientId = patientId,
            Grantee = grantee,
            Period = period,
            Status = ConsentStatus.Active,
            GrantedBy = caller.AsParty(),
            GrantedAt = tx.Now,
        };
        // Scope and purpose are content: private collection, salted; the shared ledger keeps the state machine.
        var content = new ConsentContent { Scope = scope, Purpose = purpose, Salt = PrivateContent.Salt(tx) };
        await tx.PutAsync(tx.Key(Keys.Consent, patientId, consent.ConsentId), consent).ConfigureAwait(false);
        await PrivateContent.PutAsync(tx, ContentKey(tx, patientId, consent.ConsentId), content).ConfigureAwait(false);
        await tx.PutMarkerAsync(tx.Key(Keys.ConsentByGrantee, grantee.MspId, patientId, consent.ConsentId)).ConfigureAwait(false);
        tx.Emit(EventNames.ConsentGranted, Summary(consent));
        return consent;
    }

    public static async Task<PatientConsent> RevokeAsync(Tx tx, string patientId, string consentId)
    {
        Require.PatientId(patientId);
        Require.ConsentId(consentId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var key = tx.Key(Keys.Consent, patientId, consentId);
        var consent = await tx.GetAsync<PatientConsent>(key).ConfigureAwait(false)
            ?? throw Errors.NotFound($"consent '{consentId}' of patient '{patientId}'");
        await ConsentRules.RequirePatientOrDelegateAsync(tx, caller, patientId, "revoking consent").ConfigureAwait(false);
        if (consent.Status != ConsentStatus.Active)
        {
            throw Errors.Conflict($"consent '{consentId}' is {EnumCodes<ConsentStatus>.ToCode(consent.Status)}, not active");
        }

        var revoked = consent with { Status = ConsentStatus.Inactive, RevokedBy = caller.AsParty(), RevokedAt = tx.Now };
        await tx.PutAsync(key, revoked).ConfigureAwait(false);
        tx.Emit(EventNames.ConsentRevoked, Summary(revoked));
        return revoked;
    }

    public static async Task<PatientConsent> GetAsync(Tx tx, string patientId, string consentId)
    {
        Require.PatientId(patientId);
        Require.ConsentId(consentId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var consent = await tx.GetAsync<PatientConsent>(tx.Key(Keys.Consent, patientId, consentId)).ConfigureAwait(false)
            ?? throw Errors.NotFound($"consent '{consentId}' of patient '{patientId}'");
        // Staff of the grantee organization may see what they were granted; membership alone (a patient enrolled there) is not enough.
        if (!(CallerResolver.IsStaff(caller) && string.Equals(caller.MspId, consent.Grantee.MspId, StringComparison.Ordinal)))
        {
            await ConsentRules.RequirePatientDelegateOrRegulatorAsync(tx, caller, patientId, "reading a consent").ConfigureAwait(false);
        }

        return await WithContentAsync(tx, caller, consent).ConfigureAwait(false);
    }

    /// <summary>
    /// The consent with its scope and purpose for a caller already allowed to read it. The regulator
    /// supervises the consents' states, not their content (and its organization has no peer in the collection).
    /// </summary>
    public static async Task<PatientConsent> WithContentAsync(Tx tx, Caller caller, PatientConsent consent) =>
        caller.Role == Role.Regulator || caller.OrgKind == OrgKind.Regulator
            ? consent.Public()
            : consent.With(await GetContentAsync(tx, consent).ConfigureAwait(false));

    public static Task<ConsentContent> GetContentAsync(Tx tx, PatientConsent consent) =>
        PrivateContent.GetAsync<ConsentContent>(tx, ContentKey(tx, consent.PatientId, consent.ConsentId), $"consent '{consent.ConsentId}'");

    public static string ContentKey(Tx tx, string patientId, string consentId) => tx.Key(Keys.ConsentContent, patientId, consentId);

    public static async Task<Page<PatientConsent>> ListByPatientAsync(Tx tx, string patientId, int pageSize, string? bookmark)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        await ConsentRules.RequirePatientDelegateOrRegulatorAsync(tx, caller, patientId, "listing a patient's consents").ConfigureAwait(false);
        return await tx.ListAsync(Keys.Consent, [patientId], pageSize, bookmark, async kv =>
            await WithContentAsync(tx, caller, StateJson.Deserialize<PatientConsent>(kv.Value)).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public static async Task<Page<PatientConsent>> ListByGranteeAsync(Tx tx, string granteeMspId, int pageSize, string? bookmark)
    {
        Require.MspId(granteeMspId, "granteeMspId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (caller.Role != Role.Regulator && !(CallerResolver.IsStaff(caller) && string.Equals(caller.MspId, granteeMspId, StringComparison.Ordinal)))
        {
            throw Errors.Forbidden("listing consents by grantee is reserved to the grantee organization's staff and the regulator");
        }

        return await tx.ListAsync(Keys.ConsentByGrantee, [granteeMspId], pageSize, bookmark, async kv =>
        {
            var (_, attributes) = tx.Stub.SplitCompositeKey(kv.Key);
            var consent = await tx.GetAsync<PatientConsent>(tx.Key(Keys.Consent, attributes[1], attributes[2])).ConfigureAwait(false);
            return consent is null ? null : await WithContentAsync(tx, caller, consent).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<Delegation> AddDelegateAsync(Tx tx, string patientId, string mspId, string personId)
    {
        Require.PatientId(patientId);
        Require.MspId(mspId);
        Require.PersonId(personId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (!caller.IsPatient(patientId))
        {
            throw Errors.Forbidden($"only the patient '{patientId}' names delegates");
        }

        var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        if (registry?.KindOf(mspId) is null)
        {
            throw Errors.Invalid("mspId", $"'{mspId}' is not a registered organization");
        }

        var key = ConsentRules.DelegateKey(tx, patientId, mspId, personId);
        if (await tx.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Errors.Conflict($"'{personId}' of '{mspId}' already is a delegate of '{patientId}'");
        }

        var delegation = new Delegation { PatientId = patientId, MspId = mspId, PersonId = personId, AddedAt = tx.Now };
        await tx.PutAsync(key, delegation).ConfigureAwait(false);
        tx.Emit(EventNames.DelegateAdded, delegation);
        return delegation;
    }

    public static async Task<Delegation> RemoveDelegateAsync(Tx tx, string patientId, string mspId, string personId)
    {
        Require.PatientId(patientId);
        Require.MspId(mspId);
        Require.PersonId(personId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (!caller.IsPatient(patientId))
        {
            throw Errors.Forbidden($"only the patient '{patientId}' removes delegates");
        }

        var key = ConsentRules.DelegateKey(tx, patientId, mspId, personId);
        var delegation = await tx.GetAsync<Delegation>(key).ConfigureAwait(false)
            ?? throw Errors.NotFound($"delegate '{personId}' of '{mspId}' for '{patientId}'");
        await tx.Stub.DelStateAsync(key, tx.CancellationToken).ConfigureAwait(false);
        tx.Emit(EventNames.DelegateRemoved, delegation);
        return delegation;
    }

    /// <summary>The requested period: the start defaults to the transaction time; the end must follow both.</summary>
    public static Period ToPeriod(Tx tx, RequestedPeriod requested, string path)
    {
        var start = requested.Start ?? tx.Now;
        if (requested.End <= start)
        {
            throw Errors.Invalid($"{path}.end", "must be after the start");
        }

        if (requested.End <= tx.Now)
        {
            throw Errors.Invalid($"{path}.end", "must be after the transaction time");
        }

        return new Period { Start = start, End = requested.End };
    }

    private static ConsentEvent Summary(PatientConsent c) => new(c.ConsentId, c.PatientId, c.Grantee.MspId, EnumCodes<ConsentStatus>.ToCode(c.Status), c.Period);

    /// <summary>Event payload: ids, status and period, not the scope or purpose.</summary>
    internal sealed record ConsentEvent(string ConsentId, string PatientId, string GranteeMspId, string Status, Period Period);
}
