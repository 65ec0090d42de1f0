using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions.Internal;

/// <summary>Issue, dispense, cancel, read and list prescriptions.</summary>
internal static class PrescriptionOperations
{
    public const string IdPrefix = Identifiers.Ids.PrescriptionPrefix;

    public static async Task<Prescription> IssueAsync(Tx tx, IssueRequest request)
    {
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "issuing a prescription", Role.Doctor);
        var prescription = PrescriptionInput.ToPrescription(tx, request, caller);
        var content = PrescriptionInput.ToContent(tx, request);
        if (prescription.DesignatedPharmacyMspId is { } pharmacy)
        {
            var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
            if (registry?.KindOf(pharmacy) != OrgKind.Pharmacy)
            {
                throw Errors.Invalid("request.designatedPharmacyMspId", $"'{pharmacy}' is not a registered pharmacy");
            }
        }

        await tx.PutAsync(Key(tx, prescription.PrescriptionId), prescription).ConfigureAwait(false);
        await PrivateContent.PutAsync(tx, ContentKey(tx, prescription.PrescriptionId), content).ConfigureAwait(false);
        await tx.PutMarkerAsync(tx.Key(Keys.PrescriptionByPatient, prescription.PatientId, prescription.PrescriptionId)).ConfigureAwait(false);
        if (prescription.DesignatedPharmacyMspId is { } designated)
        {
            await tx.PutMarkerAsync(tx.Key(Keys.PrescriptionByPharmacy, designated, prescription.PrescriptionId)).ConfigureAwait(false);
        }

        tx.Emit(EventNames.PrescriptionIssued, Summary(prescription, tx));
        return prescription;
    }

    /// <summary>
    /// One fill by a pharmacist. Reads and writes the prescription key, so of two dispenses endorsed
    /// on the same state only the first to commit is valid (MVCC read conflict for the other).
    /// </summary>
    public static async Task<Prescription> DispenseAsync(Tx tx, string prescriptionId)
    {
        Require.PrescriptionId(prescriptionId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        CallerResolver.RequireRole(caller, "dispensing", Role.Pharmacist);
        var key = Key(tx, prescriptionId);
        var rx = await tx.GetAsync<Prescription>(key).ConfigureAwait(false) ?? throw Errors.NotFound($"prescription '{prescriptionId}'");
        if (rx.DesignatedPharmacyMspId is { } designated)
        {
            if (!string.Equals(designated, caller.MspId, StringComparison.Ordinal))
            {
                throw Errors.Forbidden($"prescription '{prescriptionId}' is designated to pharmacy '{designated}'");
            }
        }
        else
        {
            // No designated pharmacy: only one the patient chose, by giving it their dispensing code.
            var stored = await tx.GetAsync<DispensingCodes.StoredCode>(DispensingCodes.Key(tx, prescriptionId)).ConfigureAwait(false)
                ?? throw Errors.Forbidden($"prescription '{prescriptionId}' has no designated pharmacy and its patient has not set a dispensing code");
            var code = DispensingCodes.Read(tx)
                ?? throw Errors.Forbidden($"prescription '{prescriptionId}' needs the patient's dispensing code (transient '{DispensingCodes.TransientKey}')");
            if (!DispensingCodes.Matches(stored, prescriptionId, code))
            {
                throw Errors.Forbidden($"the dispensing code does not match prescription '{prescriptionId}'");
            }
        }

        if (rx.Status != MedicationRequestStatus.Active)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' is {EnumCodes<MedicationRequestStatus>.ToCode(rx.Status)}");
        }

        var now = tx.Now;
        if (now < rx.ValidityPeriod.Start)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' is not valid before {rx.ValidityPeriod.Start:O}");
        }

        if (now > rx.ValidityPeriod.End)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' expired at {rx.ValidityPeriod.End:O}");
        }

        if (rx.DispenseCount >= rx.MaxDispenses)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' has no fills left ({rx.DispenseCount} of {rx.MaxDispenses} dispensed)");
        }

        var count = rx.DispenseCount + 1;
        var dispensed = rx with
        {
            DispenseCount = count,
            Status = count == rx.MaxDispenses ? MedicationRequestStatus.Completed : MedicationRequestStatus.Active,
            LastDispense = new DispenseRecord { Sequence = count, Pharmacist = caller.AsParty(), Time = now, TxId = tx.TxId },
        };
        await tx.PutAsync(key, dispensed).ConfigureAwait(false);
        await tx.PutMarkerAsync(tx.Key(Keys.PrescriptionByPharmacy, caller.MspId, prescriptionId)).ConfigureAwait(false);
        tx.Emit(EventNames.PrescriptionDispensed, Summary(dispensed, tx) with { PharmacyMspId = caller.MspId });
        return dispensed;
    }

    /// <summary>
    /// The patient sets (or replaces) the dispensing code of an active prescription without a designated
    /// pharmacy; the code comes in the transient data and only its keyed hash is stored.
    /// </summary>
    public static async Task<Prescription> SetDispensingCodeAsync(Tx tx, string prescriptionId)
    {
        Require.PrescriptionId(prescriptionId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var code = DispensingCodes.Read(tx) ?? throw Errors.Invalid($"transient {DispensingCodes.TransientKey}", "is missing");
        var rx = await tx.GetAsync<Prescription>(Key(tx, prescriptionId)).ConfigureAwait(false) ?? throw Errors.NotFound($"prescription '{prescriptionId}'");
        if (!caller.IsPatient(rx.PatientId))
        {
            throw Errors.Forbidden($"only the patient of prescription '{prescriptionId}' sets its dispensing code");
        }

        if (rx.DesignatedPharmacyMspId is not null)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' is designated to pharmacy '{rx.DesignatedPharmacyMspId}' and needs no dispensing code");
        }

        if (rx.Status != MedicationRequestStatus.Active)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' is {EnumCodes<MedicationRequestStatus>.ToCode(rx.Status)}");
        }

        await tx.PutAsync(DispensingCodes.Key(tx, prescriptionId), DispensingCodes.Hash(prescriptionId, tx.TxId, code)).ConfigureAwait(false);
        return rx;
    }

    /// <summary>Withdrawal by the prescriber or the patient: <c>cancelled</c> before any fill, <c>stopped</c> after.</summary>
    public static async Task<Prescription> CancelAsync(Tx tx, string prescriptionId)
    {
        Require.PrescriptionId(prescriptionId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var key = Key(tx, prescriptionId);
        var rx = await tx.GetAsync<Prescription>(key).ConfigureAwait(false) ?? throw Errors.NotFound($"prescription '{prescriptionId}'");
        var isPrescriber = caller.Role == Role.Doctor && caller.AsParty() == rx.Prescriber;
        if (!isPrescriber && !caller.IsPatient(rx.PatientId))
        {
            throw Errors.Forbidden($"only the prescriber or the patient may cancel prescription '{prescriptionId}'");
        }

        if (rx.Status != MedicationRequestStatus.Active)
        {
            throw Errors.Conflict($"prescription '{prescriptionId}' is {EnumCodes<MedicationRequestStatus>.ToCode(rx.Status)}");
        }

        var cancelled = rx with
        {
            Status = rx.DispenseCount == 0 ? MedicationRequestStatus.Cancelled : MedicationRequestStatus.Stopped,
            StatusChangedBy = caller.AsParty(),
            StatusChangedAt = tx.Now,
        };
        await tx.PutAsync(key, cancelled).ConfigureAwait(false);
        tx.Emit(EventNames.PrescriptionCancelled, Summary(cancelled, tx));
        return cancelled;
    }

    public static async Task<Prescription> GetAsync(Tx tx, string prescriptionId)
    {
        Require.PrescriptionId(prescriptionId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var rx = await tx.GetAsync<Prescription>(Key(tx, prescriptionId)).ConfigureAwait(false) ?? throw Errors.NotFound($"prescription '{prescriptionId}'");
        await RequireReaderAsync(tx, caller, rx).ConfigureAwait(false);
        return await WithContentAsync(tx, caller, rx).ConfigureAwait(false);
    }

    /// <summary>Every committed version of the prescription, newest first: who did what, when.</summary>
    public static async Task<IReadOnlyList<PrescriptionHistoryEntry>> HistoryAsync(Tx tx, string prescriptionId)
    {
        Require.PrescriptionId(prescriptionId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        var rx = await tx.GetAsync<Prescription>(Key(tx, prescriptionId)).ConfigureAwait(false) ?? throw Errors.NotFound($"prescription '{prescriptionId}'");
        await RequireReaderAsync(tx, caller, rx).ConfigureAwait(false);
        var history = new List<PrescriptionHistoryEntry>();
        var iterator = await tx.Stub.GetHistoryForKeyAsync(Key(tx, prescriptionId), tx.CancellationToken).ConfigureAwait(false);
        await using (((IAsyncDisposable)iterator).ConfigureAwait(false))
        {
            await foreach (var m in iterator.WithCancellation(tx.CancellationToken).ConfigureAwait(false))
            {
                history.Add(new PrescriptionHistoryEntry
                {
                    TxId = m.TxId,
                    Timestamp = m.Timestamp.ToUniversalTime(),
                    IsDelete = m.IsDelete,
                    Value = m.IsDelete || m.Value.Length == 0 ? null : StateJson.Deserialize<Prescription>(m.Value),
                });
            }
        }

        return history;
    }

    public static async Task<Page<Prescription>> ListByPatientAsync(Tx tx, string patientId, int pageSize, string? bookmark)
    {
        Require.PatientId(patientId);
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        await ConsentRules.RequirePatientDelegateOrRegulatorAsync(tx, caller, patientId, "listing a patient's prescriptions").ConfigureAwait(false);
        return await tx.ListAsync(Keys.PrescriptionByPatient, [patientId], pageSize, bookmark, kv => Resolve(tx, caller, kv)).ConfigureAwait(false);
    }

    public static async Task<Page<Prescription>> ListByPharmacyAsync(Tx tx, string pharmacyMspId, int pageSize, string? bookmark)
    {
        Require.MspId(pharmacyMspId, "pharmacyMspId");
        var caller = await CallerResolver.ResolveAsync(tx).ConfigureAwait(false);
        if (caller.Role != Role.Regulator && !(CallerResolver.IsStaff(caller) && string.Equals(caller.MspId, pharmacyMspId, StringComparison.Ordinal)))
        {
            throw Errors.Forbidden("listing a pharmacy's prescriptions is reserved to that pharmacy's staff and the regulator");
        }

        return await tx.ListAsync(Keys.PrescriptionByPharmacy, [pharmacyMspId], pageSize, bookmark, kv => Resolve(tx, caller, kv)).ConfigureAwait(false);
    }

    private static string Key(Tx tx, string prescriptionId) => tx.Key(Keys.Prescription, prescriptionId);

    private static string ContentKey(Tx tx, string prescriptionId) => tx.Key(Keys.PrescriptionContent, prescriptionId);

    private static async Task<Prescription?> Resolve(Tx tx, Caller caller, Shim.KeyValue kv)
    {
        var (_, attributes) = tx.Stub.SplitCompositeKey(kv.Key);
        var rx = await tx.GetAsync<Prescription>(Key(tx, attributes[^1])).ConfigureAwait(false);
        return rx is null ? null : await WithContentAsync(tx, caller, rx).ConfigureAwait(false);
    }

    /// <summary>
    /// The prescription with medication, dosage and quantity for a caller already allowed to read it;
    /// the regulator supervises the flow (states, fills, parties), not the content.
    /// </summary>
    private static async Task<Prescription> WithContentAsync(Tx tx, Caller caller, Prescription rx) =>
        caller.Role == Role.Regulator || caller.OrgKind == OrgKind.Regulator
            ? rx.Public()
            : rx.With(await PrivateContent.GetAsync<PrescriptionContent>(tx, ContentKey(tx, rx.PrescriptionId), $"prescription '{rx.PrescriptionId}'").ConfigureAwait(false));

    /// <summary>
    /// Readers: the patient and delegates, the regulator, the prescriber's organization (doctors and
    /// services), and pharmacists/services of the designated pharmacy (of any pharmacy when none is designated).
    /// </summary>
    private static async Task RequireReaderAsync(Tx tx, Caller caller, Prescription rx)
    {
        var allowed = caller.Role == Role.Regulator
            || caller.IsPatient(rx.PatientId)
            || (caller.Role is Role.Doctor or Role.Service && string.Equals(caller.MspId, rx.Prescriber.MspId, StringComparison.Ordinal))
            || (caller.OrgKind == OrgKind.Pharmacy && caller.Role is Role.Pharmacist or Role.Service
                && (rx.DesignatedPharmacyMspId is null || string.Equals(rx.DesignatedPharmacyMspId, caller.MspId, StringComparison.Ordinal)))
            || await ConsentRules.IsDelegateAsync(tx, caller, rx.PatientId).ConfigureAwait(false);
        if (!allowed)
        {
            throw Errors.Forbidden($"the caller may not read prescription '{rx.PrescriptionId}'");
        }
    }

    private static PrescriptionEvent Summary(Prescription rx, Tx tx) => new(
        rx.PrescriptionId,
        rx.PatientId,
        rx.Prescriber.MspId,
        rx.DesignatedPharmacyMspId,
        null,
        EnumCodes<MedicationRequestStatus>.ToCode(rx.Status),
        rx.DispenseCount,
        rx.MaxDispenses,
        tx.Now);

    /// <summary>Event payload: ids and counts only (pharmacies and the regulator listen).</summary>
    internal sealed record PrescriptionEvent(
        string PrescriptionId,
        string PatientId,
        string PrescriberMspId,
        string? DesignatedPharmacyMspId,
        string? PharmacyMspId,
        string Status,
        int DispenseCount,
        int MaxDispenses,
        DateTimeOffset Time);
}
