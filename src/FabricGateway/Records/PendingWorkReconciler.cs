using MedChain.FabricClient;
using MedChain.FabricGateway.Apis;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.OffchainStore;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>
/// Finishes what <see cref="PendingWork"/> holds: an unknown anchor is looked up on chain (anchored: done; still
/// absent after the grace period: its ciphertext is discarded so the id is free again); a failed key deletion is retried.
/// </summary>
public sealed class PendingWorkReconciler(
    PendingWork journal,
    OffchainRecordStore store,
    IRecordLedger ledger,
    PersonalIdentities identities,
    OrganizationKeys keys,
    TimeProvider time,
    IOptions<PendingWorkOptions> options,
    IOptions<KeyGrantOptions> grants,
    ILogger<PendingWorkReconciler> logger)
{
    /// <summary>Processes every entry once; returns how many were resolved and dropped.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var entries = await journal.ListAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return 0;
        }

        var resolved = 0;
        foreach (var entry in entries)
        {
            try
            {
                var outcome = entry.Kind == PendingKind.AnchorUnknown
                    ? await ResolveAnchorAsync(entry, cancellationToken).ConfigureAwait(false)
                    : await DeleteKeyAsync(entry).ConfigureAwait(false);
                if (outcome is not null)
                {
                    await journal.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
                    GatewayLog.PendingWorkResolved(logger, entry.RecordId, outcome);
                    resolved++;
                }
            }
            catch (Exception e) when (e is GatewayException or OffchainRecordException or Azure.RequestFailedException or IOException)
            {
                GatewayLog.PendingWorkRetry(logger, entry.RecordId, e);
            }
        }

        return resolved;
    }

    private async Task<string?> ResolveAnchorAsync(PendingEntry entry, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(new Person(grants.Value.SweeperId, "service"), cancellationToken).ConfigureAwait(false);
        AnchorView anchor;
        try
        {
            anchor = await ledger.GetAsync(identity, entry.RecordId, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException e) when (ProblemMapping.Map(e).Status == StatusCodes.Status404NotFound)
        {
            // Not anchored: only once no commit can still be on its way is the ciphertext given up.
            if (time.GetUtcNow() - entry.CreatedAt < options.Value.AnchorGracePeriod)
            {
                return null;
            }

            await store.DiscardUnanchoredAsync(entry.RecordId, CancellationToken.None).ConfigureAwait(false);
            return "never anchored, ciphertext discarded";
        }

        if (anchor.TxId == entry.TransactionId || string.Equals(anchor.Sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return "anchored";
        }

        // Anchored, but not with this ciphertext: destroying anything could harm a record someone vouched for.
        GatewayLog.PendingAnchorMismatch(logger, entry.RecordId, entry.TransactionId, anchor.TxId);
        return null;
    }

    private async Task<string?> DeleteKeyAsync(PendingEntry entry)
    {
        if (entry.GranteeMspId is null || keys.Find(entry.GranteeMspId) is not { } recipient)
        {
            return null;
        }

        // The revocation already committed: the deletion must not stop half-way on shutdown.
        await store.RevokeGrantAsync(entry.RecordId, recipient, CancellationToken.None).ConfigureAwait(false);
        return "wrapped key deleted";
    }
}
