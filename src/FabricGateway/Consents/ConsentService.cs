using System.Text.Json;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;

namespace MedChain.FabricGateway.Consents;

/// <summary>
/// Patients (and their delegates) grant and revoke consents as themselves; the chaincode decides who may.
/// A revocation made here is followed at once by a sweep of this custodian's lapsed key grants. A write's
/// content is read back by evaluating <c>Consent:Get</c>: submitted responses carry ids and states only.
/// </summary>
public sealed class ConsentService(IConsentLedger ledger, KeyGrantService keyGrants, PersonalIdentities identities, ILogger<ConsentService> logger)
{
    public async Task<LedgerWrite<ConsentView>> GrantAsync(Person caller, ConsentGrant request, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var granted = await ledger.GrantAsync(identity, request, cancellationToken).ConfigureAwait(false);
        // Committed: the read-back must not be abandoned half way just because the client left.
        var consent = await ledger.GetAsync(identity, granted.Value.PatientId, granted.Value.ConsentId, CancellationToken.None).ConfigureAwait(false);
        return new LedgerWrite<ConsentView>(consent, granted.TransactionId, granted.BlockNumber);
    }

    /// <summary>Revokes the consent on chain; then, the revocation committed, removes the keys it no longer covers.</summary>
    public async Task<ConsentRevoked> RevokeAsync(Person caller, string patientId, string consentId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var revoked = await ledger.RevokeAsync(identity, patientId, consentId, cancellationToken).ConfigureAwait(false);
        int? removed;
        try
        {
            // The revocation is committed: finish the clean-up even if the client leaves.
            removed = await keyGrants.SweepAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The consent is revoked all the same; the periodic sweep removes the keys later.
            GatewayLog.KeyGrantSweepFailed(logger, e);
            removed = null;
        }

        var consent = await ledger.GetAsync(identity, patientId, consentId, CancellationToken.None).ConfigureAwait(false);
        return new ConsentRevoked(consent, revoked.TransactionId, removed);
    }

    /// <summary>
    /// One page of the patient's access log. Entries carry no purpose (issue #11: it is content); for each allowed entry
    /// a consent let through, the purpose is joined back from that consent (<c>Consent:Get</c> as the caller, which answers
    /// it to the patient and their delegates; the regulator, which supervises states, gets none). Break-glass entries
    /// carry their reason code.
    /// </summary>
    public async Task<LedgerPage<JsonElement>> ListAccessLogAsync(Person caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var page = await ledger.ListAccessLogAsync(identity, patientId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
        if (caller.Role == "regulator")
        {
            return page;
        }

        var purposes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var items = new List<JsonElement>(page.Items.Count);
        foreach (var entry in page.Items)
        {
            if (!entry.TryGetProperty("consentId", out var consentElement) || consentElement.GetString() is not { } consentId
                || !entry.TryGetProperty("decision", out var decision) || decision.GetString() != "allowed")
            {
                items.Add(entry);
                continue;
            }

            if (!purposes.TryGetValue(consentId, out var purpose))
            {
                purpose = (await ledger.GetAsync(identity, patientId, consentId, cancellationToken).ConfigureAwait(false)).Purpose;
                purposes[consentId] = purpose;
            }

            var joined = System.Text.Json.Nodes.JsonObject.Create(entry)!;
            joined["purpose"] = purpose;
            items.Add(JsonSerializer.SerializeToElement(joined, ContractCalls.Json));
        }

        return page with { Items = items };
    }

    public async Task<LedgerPage<ConsentView>> ListByPatientAsync(Person caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.ListByPatientAsync(identity, patientId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Consents granted to the caller's own organization (the MSP the service runs as).</summary>
    public async Task<LedgerPage<ConsentView>> ListByGranteeAsync(Person caller, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.ListByGranteeAsync(identity, identity.Identity.MspId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerWrite<JsonElement>> AddDelegateAsync(Person caller, string patientId, string mspId, string personId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.AddDelegateAsync(identity, patientId, mspId, personId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerWrite<JsonElement>> RemoveDelegateAsync(Person caller, string patientId, string mspId, string personId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.RemoveDelegateAsync(identity, patientId, mspId, personId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerPage<JsonElement>> ListEmergencyAccessesAsync(Person caller, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.ListEmergencyAccessesAsync(identity, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A committed revocation, and how many wrapped keys the sweep that followed deleted (null: it failed, retried later).</summary>
public sealed record ConsentRevoked(ConsentView Consent, string TransactionId, int? KeyGrantsRemoved);
