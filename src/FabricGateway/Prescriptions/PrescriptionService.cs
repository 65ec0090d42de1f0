using System.Text.Json;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;

namespace MedChain.FabricGateway.Prescriptions;

/// <summary>
/// E-prescriptions, each call made on chain as the person (the chaincode decides who may). Writes answer the
/// prescription as read back by evaluating <c>Prescription:Get</c>: submitted responses carry ids and states only.
/// </summary>
public sealed class PrescriptionService(IPrescriptionLedger ledger, PersonalIdentities identities, TimeProvider time)
{
    public async Task<PrescriptionWritten> IssueAsync(Person caller, PrescriptionIssue request, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var issued = await ledger.IssueAsync(identity, request, cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(identity, issued).ConfigureAwait(false);
    }

    /// <summary>
    /// Dispenses fill number <paramref name="fill"/> (1 for the first). A fill already dispensed is a conflict, found
    /// before anything is submitted; two racing dispenses of one fill both write the prescription key, so the chain's
    /// MVCC validation fails the second (a conflict as well).
    /// </summary>
    public async Task<PrescriptionWritten> DispenseAsync(Person caller, string prescriptionId, int? fill, string? dispensingCode, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        if (fill is { } expected)
        {
            var current = await ledger.GetAsync(identity, prescriptionId, cancellationToken).ConfigureAwait(false);
            var dispensed = current.GetProperty("dispenseCount").GetInt32();
            if (dispensed >= expected)
            {
                throw new FillAlreadyDispensedException(prescriptionId, expected);
            }

            if (expected != dispensed + 1)
            {
                throw new FillOutOfOrderException(prescriptionId, expected, dispensed + 1);
            }
        }

        LedgerWrite<PrescriptionState> written;
        try
        {
            written = await ledger.DispenseAsync(identity, prescriptionId, dispensingCode, cancellationToken).ConfigureAwait(false);
        }
        catch (FabricClient.GatewayException e) when (Apis.ProblemMapping.Map(e).Type == Apis.ProblemTypes.LedgerConflict)
        {
            // The chain refused in the state it holds; the answer names why when it is the validity period, which clients act on.
            if (await ExpiredAsync(identity, prescriptionId, cancellationToken).ConfigureAwait(false) is { } end)
            {
                throw new PrescriptionExpiredException(prescriptionId, end, e);
            }

            throw;
        }

        return await ReadBackAsync(identity, written).ConfigureAwait(false);
    }

    public async Task<PrescriptionWritten> SetDispensingCodeAsync(Person caller, string prescriptionId, string dispensingCode, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var written = await ledger.SetDispensingCodeAsync(identity, prescriptionId, dispensingCode, cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(identity, written).ConfigureAwait(false);
    }

    public async Task<PrescriptionWritten> CancelAsync(Person caller, string prescriptionId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var written = await ledger.CancelAsync(identity, prescriptionId, cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(identity, written).ConfigureAwait(false);
    }

    public async Task<JsonElement> GetAsync(Person caller, string prescriptionId, CancellationToken cancellationToken) =>
        await ledger.GetAsync(await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false), prescriptionId, cancellationToken).ConfigureAwait(false);

    public async Task<JsonElement> HistoryAsync(Person caller, string prescriptionId, CancellationToken cancellationToken) =>
        await ledger.HistoryAsync(await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false), prescriptionId, cancellationToken).ConfigureAwait(false);

    public async Task<LedgerPage<JsonElement>> ListByPatientAsync(Person caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        await ledger.ListByPatientAsync(await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false), patientId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);

    /// <summary>Prescriptions designated to or dispensed by the caller's own organization.</summary>
    public async Task<LedgerPage<JsonElement>> ListByPharmacyAsync(Person caller, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.ListByPharmacyAsync(identity, identity.Identity.MspId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The end of the prescription's validity if it lay before this service's clock, which stamped the refused proposal
    /// (the chaincode compares the transaction time with the same end); null for any other refusal (cancelled, used up).
    /// </summary>
    private async Task<DateTimeOffset?> ExpiredAsync(FabricSigningIdentity identity, string prescriptionId, CancellationToken cancellationToken)
    {
        JsonElement current;
        try
        {
            current = await ledger.GetAsync(identity, prescriptionId, cancellationToken).ConfigureAwait(false);
        }
        catch (FabricClient.GatewayException)
        {
            // A caller who may not read it gets the chain's refusal as it was.
            return null;
        }

        var active = current.TryGetProperty("status", out var status) && status.GetString() == "active";
        return active && current.TryGetProperty("validityPeriod", out var validity) && validity.TryGetProperty("end", out var endElement)
            && endElement.TryGetDateTimeOffset(out var end) && end < time.GetUtcNow()
            ? end
            : null;
    }

    // Committed: the read-back is not abandoned because the client left.
    private async Task<PrescriptionWritten> ReadBackAsync(FabricSigningIdentity identity, LedgerWrite<PrescriptionState> written) =>
        new(await ledger.GetAsync(identity, written.Value.PrescriptionId, CancellationToken.None).ConfigureAwait(false), written.TransactionId, written.BlockNumber);
}

/// <summary>A committed prescription write: the prescription as read back, and the transaction.</summary>
public sealed record PrescriptionWritten(JsonElement Prescription, string TransactionId, ulong BlockNumber);

/// <summary>The fill was already dispensed (409).</summary>
public sealed class FillAlreadyDispensedException(string prescriptionId, int fill)
    : Exception($"Fill {fill} of prescription '{prescriptionId}' was already dispensed.");

/// <summary>The prescription's validity ended before the dispense's transaction time (409): nothing was dispensed.</summary>
public sealed class PrescriptionExpiredException(string prescriptionId, DateTimeOffset end, Exception inner)
    : Exception($"Prescription '{prescriptionId}' expired at {end:O}; nothing was dispensed.", inner);

/// <summary>The fill named is not the next one (409).</summary>
public sealed class FillOutOfOrderException(string prescriptionId, int fill, int next)
    : Exception($"Fill {fill} of prescription '{prescriptionId}' cannot be dispensed: the next fill is {next}.");
