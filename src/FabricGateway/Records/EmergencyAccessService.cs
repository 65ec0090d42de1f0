using System.Text;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.OffchainStore;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>
/// Break-glass reads: the doctor's free-text reason is stored as an encrypted document (data key wrapped for this
/// organization and the regulator), the access is submitted with its code and the document's SHA-256, and once it
/// committed VALID the record's content is released for that one read.
/// </summary>
public sealed class EmergencyAccessService(
    OffchainRecordStore store,
    IConsentLedger consents,
    RecordService records,
    PersonalIdentities identities,
    OrganizationKeys keys,
    IOptions<EmergencyOptions> options,
    ILogger<EmergencyAccessService> logger)
{
    /// <summary>The chaincode's reason codes (FHIR-like, lower-case).</summary>
    public static readonly IReadOnlyList<string> ReasonCodes = ["patient-unconscious", "life-threatening", "resuscitation", "poisoning", "other"];

    /// <summary>The chaincode's bound on the reason text.</summary>
    public const int MaxReasonLength = 200;

    public async Task<EmergencyRelease> AccessAsync(Person caller, string recordId, string reasonCode, string reasonText, CancellationToken cancellationToken)
    {
        var regulator = keys.Find(options.Value.RegulatorMspId) ?? throw new EmergencyUnavailableException(options.Value.RegulatorMspId);
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);

        // A fresh id per attempt: the document is evidence of this one access, never overwritten.
        var documentId = $"emergency-reason-{Guid.NewGuid():N}";
        using var text = new MemoryStream(Encoding.UTF8.GetBytes(reasonText));
        var document = await GatewayMetrics.StorageAsync("put-reason", () => store.PutAsync(documentId, text, [keys.Own.PublicKey, regulator], cancellationToken)).ConfigureAwait(false);
        LedgerWrite<AccessCheck> check;
        try
        {
            check = await consents.EmergencyAccessAsync(identity, recordId, reasonCode, document.CiphertextSha256, documentId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not FabricClient.CommitStatusException)
        {
            // Nothing on chain names the document: it must not outlive the refused access.
            GatewayLog.EmergencyReasonDiscarded(logger, recordId, documentId, e);
            await store.DiscardUnanchoredAsync(documentId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var (anchor, content) = await records.ReleaseAsync(caller, identity, recordId, check, cancellationToken).ConfigureAwait(false);
        return new EmergencyRelease(anchor, content, check.Value.EntryId, documentId, document.CiphertextSha256);
    }

    /// <summary>
    /// The reason text of break-glass access <paramref name="entryId"/>, for the regulator or the accessing organization's
    /// staff: the read is first committed on chain naming the reader (<c>Consent:ReviewEmergencyReason</c>, which also
    /// names the document and its hash), then the document is fetched, decrypted with this organization's key and checked
    /// against the chain's SHA-256 as a whole before any of it is released.
    /// </summary>
    public async Task<EmergencyReasonRead> ReadReasonAsync(Person caller, string entryId, CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(caller, cancellationToken).ConfigureAwait(false);
        var review = await consents.ReviewEmergencyReasonAsync(identity, entryId, cancellationToken).ConfigureAwait(false);
        var document = review.Value;
        string text;
        // The review is committed: the fetch finishes even if the client leaves, so the logged read is a completed one.
        await using (var plaintext = await GatewayMetrics.StorageAsync("open-reason", () => store.OpenReadAsync(document.ReasonDocumentId, keys.Own, document.ReasonDocumentSha256, CancellationToken.None)).ConfigureAwait(false))
        {
            using var reader = new StreamReader(plaintext, new UTF8Encoding(false, true));
            // Read to the end: the stream checks the ciphertext's hash there, so nothing is answered from a document that fails it.
            text = await reader.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
        }

        GatewayLog.EmergencyReasonReleased(logger, entryId, caller.Role, caller.Id, review.TransactionId);
        return new EmergencyReasonRead(document, text, review.TransactionId);
    }
}

/// <summary>A break-glass reason released to its reviewer: the chain's review (document id and hash, who and when) and the text.</summary>
public sealed record EmergencyReasonRead(EmergencyReview Review, string ReasonText, string TransactionId);

/// <summary>A released break-glass read: the content stream, its access-log entry and the reason document.</summary>
public sealed record EmergencyRelease(AnchorView Anchor, Stream Content, string EntryId, string ReasonDocumentId, string ReasonDocumentSha256);

/// <summary>The regulator's encryption key is not configured: no reason document could be sealed for it.</summary>
public sealed class EmergencyUnavailableException(string regulatorMspId)
    : Exception($"Emergency access is unavailable: no encryption key of the regulator '{regulatorMspId}' is configured.");
