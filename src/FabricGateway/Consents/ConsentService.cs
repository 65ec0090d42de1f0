using System.Text.Json;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;

namespace MedChain.FabricGateway.Consents;

/// <summary>
/// Patients (and their delegates) grant and revoke consents as themselves; the chaincode decides who may.
/// A revocation made here is followed at once by a sweep of this custodian's lapsed key grants.
/// </summary>
public sealed class ConsentService(IConsentLedger ledger, KeyGrantService keyGrants, PersonalIdentities identities, ILogger<ConsentService> logger)
{
    public async Task<LedgerWrite<ConsentView>> GrantAsync(Person caller, ConsentGrant request, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.GrantAsync(identity, request, cancellationToken).ConfigureAwait(false);
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

        return new ConsentRevoked(revoked.Value, revoked.TransactionId, removed);
    }

    public async Task<LedgerPage<JsonElement>> ListAccessLogAsync(Person caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        return await ledger.ListAccessLogAsync(identity, patientId, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A committed revocation, and how many wrapped keys the sweep that followed deleted (null: it failed, retried later).</summary>
public sealed record ConsentRevoked(ConsentView Consent, string TransactionId, int? KeyGrantsRemoved);
