using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Keys;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>
/// The record workflow: encrypt and store off chain, then anchor the ciphertext's hash on chain;
/// read back only after an access check committed on chain; erase on chain first, then destroy the keys.
/// </summary>
public sealed class RecordService(
    OffchainRecordStore store,
    IRecordLedger ledger,
    IConsentLedger consents,
    PersonalIdentities identities,
    OrganizationKeys keys,
    IOptions<StorageOptions> storage,
    PendingWork pending,
    Azure.Storage.Blobs.BlobServiceClient blobs,
    ILogger<RecordService> logger)
{
    /// <summary>The chaincode's reason for a denial because the record is erased.</summary>
    private const string _reasonErased = "record-erased";

    /// <summary>Stores <paramref name="content"/> encrypted for this organization and anchors it.</summary>
    public async Task<StoredAndAnchored> StoreAsync(Person caller, NewRecord record, Stream content, CancellationToken cancellationToken)
    {
        // Enrolled before anything is stored: a caller the CA refuses leaves no ciphertext behind.
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var stored = await store.PutAsync(record.RecordId, content, [keys.Own.PublicKey], cancellationToken).ConfigureAwait(false);
        var anchor = new AnchorRecord(
            record.RecordId,
            record.PatientId,
            record.RecordType,
            stored.CiphertextSha256,
            stored.CiphertextLength,
            $"{storage.Value.RecordsContainer}/{record.RecordId}",
            stored.DataKeyId);
        try
        {
            var write = await ledger.AnchorAsync(identity, anchor, cancellationToken).ConfigureAwait(false);
            return new StoredAndAnchored(write.Value, write.TransactionId, write.BlockNumber, stored.PlaintextSha256);
        }
        catch (GatewayException e) when (e is CommitStatusException or SubmitException { StatusCode: global::Grpc.Core.StatusCode.DeadlineExceeded or global::Grpc.Core.StatusCode.Unavailable })
        {
            // The anchor may still commit: destroying anything now could orphan an anchored record. Left for resolution.
            GatewayLog.AnchorOutcomeUnknown(logger, record.RecordId, e.TransactionId, e);
            // Journaled before the caller hears of it, so a restart cannot forget the ciphertext (PendingWorkReconciler).
            await pending.AddAnchorUnknownAsync(record.RecordId, e.TransactionId, stored.CiphertextSha256, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The anchor definitely failed: nothing on chain vouches for the ciphertext, and the id must stay free.
            GatewayLog.AnchorFailedDiscarding(logger, record.RecordId, e);
            await store.DiscardUnanchoredAsync(record.RecordId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The anchor of a record, as the chain returns it to this organization.</summary>
    public async Task<AnchorView> GetAnchorAsync(Person caller, string recordId, CancellationToken cancellationToken) =>
        await ledger.GetAsync(await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false), recordId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Opens a record's plaintext for <paramref name="caller"/> and a stated <paramref name="purpose"/>: first
    /// <c>Consent:CheckAccess</c> as that person, committed VALID (it is the access-log entry naming them), and only
    /// on an allowed answer the ciphertext, checked against the anchored hash while it streams. One check per read:
    /// nothing here retries it, so each read leaves exactly one entry.
    /// </summary>
    public async Task<(AnchorView Anchor, Stream Content)> OpenAsync(Person caller, string recordId, string purpose, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var check = await consents.CheckAccessAsync(identity, recordId, purpose, cancellationToken).ConfigureAwait(false);
        return await ReleaseAsync(caller, identity, recordId, check, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The content behind a committed access-log entry (<paramref name="check"/>): refused unless it allowed the
    /// read, checked against the anchored hash while it streams.
    /// </summary>
    internal async Task<(AnchorView Anchor, Stream Content)> ReleaseAsync(Person caller, FabricSigningIdentity identity, string recordId, LedgerWrite<AccessCheck> check, CancellationToken cancellationToken)
    {
        if (!check.Value.Allowed)
        {
            throw check.Value.Reason == _reasonErased
                ? new RecordErasedException(recordId)
                : new AccessDeniedException(recordId, check.Value.Reason);
        }

        var anchor = await ledger.GetAsync(identity, recordId, cancellationToken).ConfigureAwait(false);
        if (anchor.Erased)
        {
            throw new RecordErasedException(recordId, anchor.ErasedAt);
        }

        var content = await GatewayMetrics.StorageAsync("open-read", () => store.OpenReadAsync(recordId, keys.Own, anchor.Sha256, cancellationToken)).ConfigureAwait(false);
        GatewayLog.RecordReleased(logger, recordId, caller.Role, caller.Id, check.TransactionId);
        return (anchor, content);
    }

    /// <summary>
    /// Recomputes the SHA-256 of the stored ciphertext (streamed, never held whole) and compares it with the
    /// anchored hash, which the chaincode confirms (<c>RecordAnchor:Verify</c>). Needs no record key.
    /// </summary>
    public async Task<RecordVerification> VerifyAsync(Person caller, string recordId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var anchor = await ledger.GetAsync(identity, recordId, cancellationToken).ConfigureAwait(false);
        if (anchor.Erased)
        {
            throw new RecordErasedException(recordId, anchor.ErasedAt);
        }

        var blob = blobs.GetBlobContainerClient(storage.Value.RecordsContainer).GetBlobClient(recordId);
        string stored;
        try
        {
            stored = await GatewayMetrics.StorageAsync("hash", async () =>
            {
                await using var ciphertext = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(ciphertext, cancellationToken).ConfigureAwait(false));
            }).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            throw new RecordNotFoundException(recordId, e);
        }

        var verified = await ledger.VerifyAsync(identity, recordId, stored, cancellationToken).ConfigureAwait(false);
        return new RecordVerification(recordId, anchor.Version, anchor.Sha256, stored, verified.Matches);
    }

    /// <summary>A doctor signs off the record's current version (the chaincode checks they may read it), then its sign-offs.</summary>
    public async Task<(LedgerWrite<System.Text.Json.JsonElement> SignOff, LedgerPage<System.Text.Json.JsonElement> All)> SignOffAsync(Person caller, string recordId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var signed = await ledger.SignOffAsync(identity, recordId, cancellationToken).ConfigureAwait(false);
        var all = await ledger.ListSignOffsAsync(identity, recordId, 100, null, CancellationToken.None).ConfigureAwait(false);
        return (signed, all);
    }

    /// <summary>Flags the anchor erased on chain, then destroys the record's keys off chain (crypto-shredding).</summary>
    /// <remarks>
    /// The chain first: the chaincode decides whether this caller may erase, and a refused erasure must leave
    /// every key intact. Keys are destroyed only once the erasure committed.
    /// </remarks>
    public async Task<Erased> EraseAsync(Person caller, string recordId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var write = await ledger.EraseAsync(identity, recordId, cancellationToken).ConfigureAwait(false);
        var proof = await store.EraseAsync(recordId, CancellationToken.None).ConfigureAwait(false);
        return new Erased(write.Value, write.TransactionId, proof);
    }
}

/// <summary>A record to store: who it is about (pseudonym) and what it is.</summary>
public sealed record NewRecord(string RecordId, string PatientId, string RecordType);

/// <summary>The outcome of <see cref="RecordService.StoreAsync"/>.</summary>
public sealed record StoredAndAnchored(AnchorView Anchor, string TransactionId, ulong BlockNumber, string? PlaintextSha256);

/// <summary>A record's stored ciphertext hash against its anchor; Matches is the chaincode's verdict.</summary>
public sealed record RecordVerification(string RecordId, int Version, string AnchoredSha256, string StoredSha256, bool Matches);

/// <summary>The outcome of <see cref="RecordService.EraseAsync"/>.</summary>
public sealed record Erased(AnchorView Anchor, string TransactionId, ErasureProof Proof);

/// <summary>The chain denied the caller reading the record (the denial is on the access log).</summary>
public sealed class AccessDeniedException(string recordId, string reason)
    : Exception($"Reading record '{recordId}' was denied on the ledger ({reason}).")
{
    public string Reason { get; } = reason;
}

/// <summary>No encryption key is known for the organization.</summary>
public sealed class UnknownOrganizationException(string mspId)
    : Exception($"No encryption key is configured for organization '{mspId}'.")
{
    public string MspId { get; } = mspId;
}
