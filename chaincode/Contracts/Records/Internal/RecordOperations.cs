using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Records.Internal;

/// <summary>Anchor, supersede, verify, read, sign off and erase records.</summary>
internal static class RecordOperations
{
    public static async Task<RecordAnchor> AnchorAsync(Tx tx, AnchorRequest request)
    {
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var (recordId, patientId) = (request.RecordId, request.PatientId);
        var blob = (request.Sha256, request.Size, request.BlobRef, request.KeyId);
        var recordType = RecordTypes.Read(tx);
        RequireCustodianRole(caller, "anchoring a record");
        if (await AnchorStore.FindHeadAsync(tx, recordId).ConfigureAwait(false) is not null)
        {
            throw Errors.Conflict($"record '{recordId}' is already anchored (use Supersede for a new version)");
        }

        var anchor = NewVersion(tx, caller, recordId, 1, patientId, blob, supersedes: null);
        await WriteVersionAsync(tx, anchor).ConfigureAwait(false);
        // The patient's record list; supersede keeps the patient and erasure keeps the anchors, so the marker stays.
        await tx.PutMarkerAsync(tx.Key(Keys.AnchorByPatient, patientId, recordId)).ConfigureAwait(false);
        await RecordTypes.PutAsync(tx, recordId, recordType).ConfigureAwait(false);
        tx.Emit(EventNames.RecordAnchored, Summary(anchor));
        return anchor;
    }

    /// <summary>A new version by the custodian: the old one stays and points to it, the head moves on.</summary>
    public static async Task<RecordAnchor> SupersedeAsync(Tx tx, SupersedeRequest request)
    {
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var recordId = request.RecordId;
        var blob = (request.Sha256, request.Size, request.BlobRef, request.KeyId);
        var recordType = RecordTypes.Read(tx);
        RequireCustodianRole(caller, "superseding a record");
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        RequireCustodian(caller, head, "supersede");
        if (head.Erased)
        {
            throw Errors.Conflict($"record '{recordId}' is erased");
        }

        var previous = await AnchorStore.GetVersionAsync(tx, head, head.Version).ConfigureAwait(false);
        var anchor = NewVersion(tx, caller, recordId, head.Version + 1, head.PatientId, blob, supersedes: head.Version);
        await tx.PutAsync(AnchorStore.VersionKey(tx, recordId, previous.Version), previous with { SupersededBy = anchor.Version }).ConfigureAwait(false);
        await WriteVersionAsync(tx, anchor).ConfigureAwait(false);
        await RecordTypes.PutAsync(tx, recordId, recordType).ConfigureAwait(false);
        tx.Emit(EventNames.RecordAnchored, Summary(anchor));
        return anchor;
    }

    /// <summary>Whether <paramref name="sha256"/> is the anchored hash of the version (0: current). Any member may ask.</summary>
    public static async Task<VerifyResult> VerifyAsync(Tx tx, string recordId, string sha256, int version)
    {
        Require.RecordId(recordId);
        Require.Sha256(sha256);
        Require.Version(version);
        await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var anchor = await AnchorStore.GetVersionAsync(tx, head, version).ConfigureAwait(false);
        return new VerifyResult
        {
            RecordId = recordId,
            Version = anchor.Version,
            Matches = string.Equals(anchor.Sha256, sha256, StringComparison.Ordinal),
            Erased = anchor.Erased,
        };
    }

    public static async Task<RecordAnchor> GetAsync(Tx tx, string recordId, int version)
    {
        Require.RecordId(recordId);
        Require.Version(version);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        await RequireDetailsReaderAsync(tx, caller, head).ConfigureAwait(false);
        return await AnchorStore.GetVersionAsync(tx, head, version).ConfigureAwait(false);
    }

    public static async Task<Page<RecordAnchor>> ListVersionsAsync(Tx tx, string recordId, int pageSize, string? bookmark)
    {
        Require.RecordId(recordId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        await RequireDetailsReaderAsync(tx, caller, head).ConfigureAwait(false);
        return await tx.ListAsync(Keys.Anchor, [recordId], pageSize, bookmark, kv => Task.FromResult<RecordAnchor?>(StateJson.Deserialize<RecordAnchor>(kv.Value))).ConfigureAwait(false);
    }

    /// <summary>A doctor attests a version (0: current); each doctor once per version, on a key of their own.</summary>
    public static async Task<RecordSignOff> SignOffAsync(Tx tx, string recordId, int version)
    {
        Require.RecordId(recordId);
        Require.Version(version);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "signing off a record", Role.Doctor);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        var anchor = await AnchorStore.GetVersionAsync(tx, head, version).ConfigureAwait(false);
        if (anchor.Erased)
        {
            throw Errors.Conflict($"record '{recordId}' is erased");
        }

        // Attesting a replaced version would vouch for content no longer current.
        if (anchor.SupersededBy is { } newer)
        {
            throw Errors.Conflict($"version {anchor.Version} of record '{recordId}' is superseded by version {newer}");
        }

        // Only a doctor who may read the record (custodian's doctor, or one holding a treatment consent) signs it off.
        var (mayRead, _, _) = await ConsentRules.EvaluateReadAsync(tx, caller, head, Consent.ConsentPurpose.Treatment).ConfigureAwait(false);
        if (!mayRead)
        {
            throw Errors.Forbidden($"signing off record '{recordId}' needs the right to read it (custodian or a treatment consent)");
        }

        var key = tx.Key(Keys.SignOff, recordId, Keys.Version(anchor.Version), caller.MspId, caller.PersonId!);
        if (await tx.ExistsAsync(key).ConfigureAwait(false))
        {
            throw Errors.Conflict($"doctor '{caller.PersonId}' of '{caller.MspId}' already signed off version {anchor.Version} of record '{recordId}'");
        }

        var signOff = new RecordSignOff
        {
            RecordId = recordId,
            Version = anchor.Version,
            Doctor = caller.AsParty(),
            Sha256 = anchor.Sha256,
            SignedAt = tx.Now,
            TxId = tx.TxId,
        };
        await tx.PutAsync(key, signOff).ConfigureAwait(false);
        tx.Emit(EventNames.RecordSignedOff, signOff);
        return signOff;
    }

    public static async Task<Page<RecordSignOff>> ListSignOffsAsync(Tx tx, string recordId, int version, int pageSize, string? bookmark)
    {
        Require.RecordId(recordId);
        Require.Version(version);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        await RequireDetailsReaderAsync(tx, caller, head).ConfigureAwait(false);
        var v = version == 0 ? head.Version : version;
        return await tx.ListAsync(Keys.SignOff, [recordId, Keys.Version(v)], pageSize, bookmark, kv => Task.FromResult<RecordSignOff?>(StateJson.Deserialize<RecordSignOff>(kv.Value))).ConfigureAwait(false);
    }

    /// <summary>
    /// The custodian's service flags the record erased (its key destroyed off chain) on a pending request
    /// of the patient or order of the regulator; every version stays, flagged, and the request is completed.
    /// </summary>
    public static async Task<RecordAnchor> EraseAsync(Tx tx, string recordId)
    {
        Require.RecordId(recordId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "erasing a record", Role.Service);
        RequireCustodianRole(caller, "erasing a record");
        var head = await AnchorStore.GetHeadAsync(tx, recordId).ConfigureAwait(false);
        RequireCustodian(caller, head, "erase");
        if (head.Erased)
        {
            throw Errors.Conflict($"record '{recordId}' is already erased");
        }

        var request = await ErasureOperations.RequirePendingAsync(tx, head).ConfigureAwait(false);
        await tx.PutAsync(ErasureOperations.RequestKey(tx, recordId), request with { CompletedBy = caller.AsParty(), CompletedAt = tx.Now }).ConfigureAwait(false);

        RecordAnchor? current = null;
        for (var v = 1; v <= head.Version; v++)
        {
            var anchor = await AnchorStore.GetVersionAsync(tx, head, v).ConfigureAwait(false);
            current = anchor with { Erased = true, ErasedAt = tx.Now };
            await tx.PutAsync(AnchorStore.VersionKey(tx, recordId, v), current).ConfigureAwait(false);
        }

        await tx.PutAsync(AnchorStore.HeadKey(tx, recordId), head with { Erased = true }).ConfigureAwait(false);
        tx.Emit(EventNames.RecordErased, Summary(current!));
        return current!;
    }

    /// <summary>Details are for the custodian's staff, the patient and delegates, the regulator, and consent holders (any purpose).</summary>
    private static async Task RequireDetailsReaderAsync(Tx tx, Caller caller, AnchorHead head)
    {
        if (caller.Role == Role.Regulator
            || (CallerResolver.IsStaff(caller) && string.Equals(caller.MspId, head.CustodianMspId, StringComparison.Ordinal))
            || caller.IsPatient(head.PatientId)
            || await ConsentRules.IsDelegateAsync(tx, caller, head.PatientId).ConfigureAwait(false)
            || await ConsentRules.FindConsentAsync(tx, caller, head, purpose: null).ConfigureAwait(false) is not null)
        {
            return;
        }

        throw Errors.Forbidden($"reading record '{head.RecordId}' needs a consent of its patient");
    }

    private static void RequireCustodianRole(Caller caller, string operation)
    {
        CallerResolver.RequireRole(caller, operation, Role.Service, Role.Doctor);
        if (caller.OrgKind != OrgKind.Hospital)
        {
            throw Errors.Forbidden($"{operation} is reserved to hospitals, '{caller.MspId}' is not one");
        }
    }

    private static void RequireCustodian(Caller caller, AnchorHead head, string operation)
    {
        if (!string.Equals(caller.MspId, head.CustodianMspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"only the custodian '{head.CustodianMspId}' may {operation} record '{head.RecordId}'");
        }
    }

    private static RecordAnchor NewVersion(Tx tx, Caller caller, string recordId, int version, string patientId, (string Sha256, long Size, string BlobRef, string KeyId) blob, int? supersedes) => new()
    {
        RecordId = recordId,
        Version = version,
        PatientId = patientId,
        Sha256 = blob.Sha256,
        Size = blob.Size,
        BlobRef = blob.BlobRef,
        KeyId = blob.KeyId,
        CustodianMspId = caller.MspId,
        AnchoredBy = caller.AsParty(),
        AnchoredAt = tx.Now,
        TxId = tx.TxId,
        Supersedes = supersedes,
    };

    private static async Task WriteVersionAsync(Tx tx, RecordAnchor anchor)
    {
        await tx.PutAsync(AnchorStore.VersionKey(tx, anchor.RecordId, anchor.Version), anchor).ConfigureAwait(false);
        var head = new AnchorHead
        {
            RecordId = anchor.RecordId,
            Version = anchor.Version,
            PatientId = anchor.PatientId,
            CustodianMspId = anchor.CustodianMspId,
        };
        await tx.PutAsync(AnchorStore.HeadKey(tx, anchor.RecordId), head).ConfigureAwait(false);
    }

    /// <summary>Event payload: ids, hash and version, no blob location or key id.</summary>
    private static AnchorEvent Summary(RecordAnchor a) =>
        new(a.RecordId, a.Version, a.PatientId, a.Sha256, a.CustodianMspId, a.Supersedes, a.Erased, a.ErasedAt ?? a.AnchoredAt);

    internal sealed record AnchorEvent(string RecordId, int Version, string PatientId, string Sha256, string CustodianMspId, int? Supersedes, bool Erased, DateTimeOffset Time);
}
