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
            check = await consents.EmergencyAccessAsync(identity, recordId, reasonCode, document.CiphertextSha256, cancellationToken).ConfigureAwait(false);
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
}

/// <summary>A released break-glass read: the content stream, its access-log entry and the reason document.</summary>
public sealed record EmergencyRelease(AnchorView Anchor, Stream Content, string EntryId, string ReasonDocumentId, string ReasonDocumentSha256);

/// <summary>The regulator's encryption key is not configured: no reason document could be sealed for it.</summary>
public sealed class EmergencyUnavailableException(string regulatorMspId)
    : Exception($"Emergency access is unavailable: no encryption key of the regulator '{regulatorMspId}' is configured.");
