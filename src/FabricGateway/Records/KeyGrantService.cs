using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.OffchainStore;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>
/// Record keys for other organizations, the chain deciding first: a key is wrapped only after its grant
/// committed VALID on chain (under a consent in force), and deleted only after the grant's revocation committed.
/// </summary>
/// <remarks>
/// Revocations are found by sweeping the chain for this custodian's grants no consent covers any more
/// (<c>KeyGrant:ListLapsed</c>) rather than by following ConsentRevoked events: an expiry raises no event, and the
/// ledger is then the only checkpoint needed. A sweep runs right after a revocation made through this service and
/// periodically (<see cref="KeyGrantOptions.SweepInterval"/>) for revocations made elsewhere and for expiries.
/// Grants and sweeps of this instance take turns, so a sweep never runs between a grant's commit and its key write.
/// </remarks>
public sealed class KeyGrantService(
    OffchainRecordStore store,
    IKeyGrantLedger ledger,
    PersonalIdentities identities,
    OrganizationKeys keys,
    IOptions<FabricOptions> fabric,
    IOptions<KeyGrantOptions> options,
    PendingWork pending,
    ILogger<KeyGrantService> logger) : IDisposable
{
    private const int _pageSize = 50;
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Records the grant on chain as <paramref name="caller"/>, then wraps the record's key for <paramref name="mspId"/>.</summary>
    public async Task<KeyGranted> GrantAsync(Person caller, string recordId, string mspId, CancellationToken cancellationToken)
    {
        var recipient = keys.Find(mspId) ?? throw new UnknownOrganizationException(mspId);
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var grant = await ledger.GrantAsync(identity, recordId, mspId, cancellationToken).ConfigureAwait(false);
            // Committed: the key write must not be abandoned half-way because the client went away.
            var added = await store.GrantAsync(recordId, keys.Own, recipient, CancellationToken.None).ConfigureAwait(false);
            return new KeyGranted(grant.Value, grant.TransactionId, added);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Revokes on chain every grant of this custodian no consent covers any more, and after each revocation
    /// committed deletes that organization's wrapped key. Returns how many wrapped keys were deleted. A grant that
    /// fails is logged and left for the next sweep.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(new Person(options.Value.SweeperId, "service"), cancellationToken).ConfigureAwait(false);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removed = 0;
            foreach (var grant in await ListLapsedAsync(identity, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await ledger.RevokeAsync(identity, grant.RecordId, grant.GranteeMspId, cancellationToken).ConfigureAwait(false);
                    if (keys.Find(grant.GranteeMspId) is not { } recipient)
                    {
                        GatewayLog.KeyGrantRecipientUnknown(logger, grant.RecordId, grant.GranteeMspId);
                        continue;
                    }

                    try
                    {
                        if (await store.RevokeGrantAsync(grant.RecordId, recipient, CancellationToken.None).ConfigureAwait(false))
                        {
                            removed++;
                        }
                    }
                    catch (Exception e) when (e is OffchainRecordException or Azure.RequestFailedException or IOException)
                    {
                        // Revoked on chain, so no longer listed as lapsed: only the journal remembers this key (PendingWorkReconciler).
                        await pending.AddKeyDeletionAsync(grant.RecordId, grant.GranteeMspId, CancellationToken.None).ConfigureAwait(false);
                        throw;
                    }

                    GatewayLog.KeyGrantRevoked(logger, grant.RecordId, grant.GranteeMspId, grant.ConsentId);
                }
                catch (Exception e) when (e is GatewayException or OffchainRecordException or Azure.RequestFailedException)
                {
                    GatewayLog.KeyGrantRevocationFailed(logger, grant.RecordId, grant.GranteeMspId, e);
                }
            }

            return removed;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    // All pages first: each revocation removes the index key the listing pages over.
    private async Task<List<KeyGrantView>> ListLapsedAsync(FabricSigningIdentity identity, CancellationToken cancellationToken)
    {
        var lapsed = new List<KeyGrantView>();
        string? bookmark = null;
        while (true)
        {
            var page = await ledger.ListLapsedAsync(identity, fabric.Value.MspId, _pageSize, bookmark, cancellationToken).ConfigureAwait(false);
            lapsed.AddRange(page.Items);
            if (page.FetchedCount < _pageSize || string.IsNullOrEmpty(page.Bookmark))
            {
                return lapsed;
            }

            bookmark = page.Bookmark;
        }
    }
}

/// <summary>The outcome of <see cref="KeyGrantService.GrantAsync"/>: the grant on chain, and whether a key was newly wrapped.</summary>
public sealed record KeyGranted(KeyGrantView Grant, string TransactionId, bool Added);
