using MedChain.Contracts.Common;
using MedChain.Contracts.Consent;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Records.Internal;

/// <summary>
/// A patient's record list over the index <c>anchor-by-patient~patientId~recordId</c>. Who may list mirrors the
/// consent and prescription listings: the patient, a delegate, the regulator; besides them, staff of an organization
/// holding a consent of the patient in force, who see only the records their organization keeps or a consent covers.
/// </summary>
internal static class PatientRecords
{
    public static async Task<Page<PatientRecord>> ListAsync(Tx tx, string patientId, int pageSize, string? bookmark)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var everything = caller.Role == Role.Regulator
            || caller.IsPatient(patientId)
            || await ConsentRules.IsDelegateAsync(tx, caller, patientId).ConfigureAwait(false);
        List<PatientConsent> consents = [];
        if (!everything)
        {
            // Staff only, and only of an organization (or person) the patient's consent lets in now: a stranger must not
            // learn even how many records the patient has (the page's fetched count would tell).
            if (CallerResolver.IsStaff(caller) && caller.OrgKind != OrgKind.Regulator)
            {
                consents = [.. (await tx.ScanAsync<PatientConsent>(Keys.Consent, [patientId]).ConfigureAwait(false)).Where(c => c.MayPermit(caller, tx.Now))];
            }

            if (consents.Count == 0)
            {
                throw Errors.Forbidden($"listing the records of '{patientId}' is reserved to the patient, a delegate, the regulator and staff of an organization holding a consent of the patient in force");
            }
        }

        // The regulator supervises states; record types are content its organization holds no peer for.
        var withType = caller.Role != Role.Regulator && caller.OrgKind != OrgKind.Regulator;
        return await tx.ListAsync(Keys.AnchorByPatient, [patientId], pageSize, bookmark, async kv =>
        {
            var (_, attributes) = tx.Stub.SplitCompositeKey(kv.Key);
            var head = await AnchorStore.FindHeadAsync(tx, attributes[^1]).ConfigureAwait(false);
            if (head is null || (!everything && !ConsentRules.IsCustodianStaff(caller, head)
                && await ConsentRules.FirstCoveringAsync(tx, consents, head, purpose: null).ConfigureAwait(false) is null))
            {
                return null;
            }

            return await DescribeAsync(tx, head, withType).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<PatientRecord> DescribeAsync(Tx tx, AnchorHead head, bool withType)
    {
        var anchor = await AnchorStore.GetVersionAsync(tx, head, 0).ConfigureAwait(false);
        var signOffs = await tx.ScanAsync<RecordSignOff>(Keys.SignOff, [head.RecordId, Keys.Version(anchor.Version)]).ConfigureAwait(false);
        return new PatientRecord
        {
            RecordId = anchor.RecordId,
            PatientId = anchor.PatientId,
            CustodianMspId = anchor.CustodianMspId,
            Version = anchor.Version,
            Sha256 = anchor.Sha256,
            Size = anchor.Size,
            AnchoredAt = anchor.AnchoredAt,
            Supersedes = anchor.Supersedes,
            Erased = anchor.Erased,
            ErasedAt = anchor.ErasedAt,
            RecordType = withType ? await RecordTypes.FindAsync(tx, head.RecordId).ConfigureAwait(false) : null,
            SignOffs = signOffs,
        };
    }
}
