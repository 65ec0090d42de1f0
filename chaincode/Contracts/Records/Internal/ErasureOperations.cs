using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Records.Internal;

/// <summary>
/// Erasure: only the custodian organization's service erases, and only on a pending request signed by
/// the patient or an order of the regulator (a custodian alone cannot destroy a patient's record).
/// </summary>
internal static class ErasureOperations
{
    public const string BasisPatient = "patient-request";
    public const string BasisRegulator = "regulator-order";

    public static string RequestKey(Tx tx, string recordId) => tx.Key(Keys.ErasureRequest, recordId);

    /// <summary>The record's patient asks for erasure (a pending request or order is returned as is).</summary>
    public static async Task<ErasureRequest> RequestAsync(Tx tx, string recordId)
    {
        Require.RecordId(recordId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        if (!caller.IsPatient(head.PatientId))
        {
            throw Errors.Forbidden($"only the patient of record '{recordId}' requests its erasure");
        }

        return await OpenAsync(tx, caller, head, BasisPatient).ConfigureAwait(false);
    }

    /// <summary>The regulator orders erasure (a pending request or order is returned as is).</summary>
    public static async Task<ErasureRequest> OrderAsync(Tx tx, string recordId)
    {
        Require.RecordId(recordId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (caller.OrgKind != OrgKind.Regulator || caller.Role is not (Role.Regulator or Role.Service))
        {
            throw Errors.Forbidden("ordering an erasure is reserved to the regulator");
        }

        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        return await OpenAsync(tx, caller, head, BasisRegulator).ConfigureAwait(false);
    }

    /// <summary>The pending request or order the custodian's service acts on; throws when there is none.</summary>
    public static async Task<ErasureRequest> RequirePendingAsync(Tx tx, AnchorHead head) =>
        await tx.GetAsync<ErasureRequest>(RequestKey(tx, head.RecordId)).ConfigureAwait(false) is { CompletedAt: null } pending
            ? pending
            : throw Errors.Forbidden($"record '{head.RecordId}' may be erased only on a request of its patient or an order of the regulator");

    private static async Task<ErasureRequest> OpenAsync(Tx tx, Caller caller, AnchorHead head, string basis)
    {
        if (head.Erased)
        {
            throw Errors.Conflict($"record '{head.RecordId}' is already erased");
        }

        if (await tx.GetAsync<ErasureRequest>(RequestKey(tx, head.RecordId)).ConfigureAwait(false) is { CompletedAt: null } pending)
        {
            return pending;
        }

        var request = new ErasureRequest
        {
            RecordId = head.RecordId,
            PatientId = head.PatientId,
            Basis = basis,
            RequestedBy = caller.AsParty(),
            RequestedAt = tx.Now,
            RequestTxId = tx.TxId,
        };
        await tx.PutAsync(RequestKey(tx, head.RecordId), request).ConfigureAwait(false);
        tx.Emit(EventNames.ErasureRequested, new ErasureEvent(request.RecordId, request.PatientId, head.CustodianMspId, request.Basis, request.RequestedAt));
        return request;
    }

    internal sealed record ErasureEvent(string RecordId, string PatientId, string CustodianMspId, string Basis, DateTimeOffset Time);
}
