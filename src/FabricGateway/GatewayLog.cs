namespace MedChain.FabricGateway;

/// <summary>The service's log messages, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Anchoring record {RecordId} failed; its ciphertext and keys are being discarded")]
    public static partial void AnchorFailedDiscarding(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connected to Fabric Gateway {Endpoint} as {MspId} on channel {Channel}, chaincode {Chaincode}")]
    public static partial void FabricConnected(ILogger logger, string endpoint, string mspId, string channel, string chaincode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Request failed: {Title}")]
    public static partial void RequestFailed(ILogger logger, string title, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Enrolled {Role} {PersonId} with a Fabric identity of their own")]
    public static partial void PersonEnrolled(ILogger logger, string role, string personId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Anchoring record {RecordId} (transaction {TransactionId}) has an unknown outcome; nothing was destroyed, resolve it against the ledger")]
    public static partial void AnchorOutcomeUnknown(ILogger logger, string recordId, string? transactionId, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Record {RecordId} released to {Role} {PersonId} after access check {TransactionId} committed")]
    public static partial void RecordReleased(ILogger logger, string recordId, string role, string personId, string transactionId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Key grant of record {RecordId} to {MspId} revoked on chain (consent {ConsentId} no longer in force); its wrapped key is deleted")]
    public static partial void KeyGrantRevoked(ILogger logger, string recordId, string mspId, string consentId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Revoking the key grant of record {RecordId} to {MspId} failed; the next sweep (or, once revoked on chain, the pending-work journal) retries")]
    public static partial void KeyGrantRevocationFailed(ILogger logger, string recordId, string mspId, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Key grant of record {RecordId} to {MspId} revoked on chain, but no encryption key of that organization is configured: its wrapped key cannot be named and was not deleted")]
    public static partial void KeyGrantRecipientUnknown(ILogger logger, string recordId, string mspId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Sweeping lapsed key grants failed; the next sweep retries")]
    public static partial void KeyGrantSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "The pending-work journal was unreadable and was moved to {Path}; its entries need an operator")]
    public static partial void PendingWorkCorrupt(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Pending work on record {RecordId} resolved: {Outcome}")]
    public static partial void PendingWorkResolved(ILogger logger, string recordId, string outcome);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Pending work on record {RecordId} could not be resolved yet; the next run retries")]
    public static partial void PendingWorkRetry(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Record {RecordId} is anchored by transaction {AnchoredTxId} with another hash than the unknown anchor {TransactionId}; left for an operator")]
    public static partial void PendingAnchorMismatch(ILogger logger, string recordId, string? transactionId, string anchoredTxId);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Emergency access to record {RecordId} was not committed; its reason document {DocumentId} is discarded")]
    public static partial void EmergencyReasonDiscarded(ILogger logger, string recordId, string documentId, Exception exception);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Idempotency key store unavailable; request refused")]
    public static partial void IdempotencyStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Ledger:Mode is Embedded: the MedChain chaincode runs in this process on the ledger in {DataDirectory}, trusting {Organizations}; for development and trials only, Fabric is the production ledger")]
    public static partial void EmbeddedLedgerSelected(ILogger logger, string dataDirectory, string organizations);

    [LoggerMessage(EventId = 18, Level = LogLevel.Information, Message = "Reason of emergency access {EntryId} released to {Role} {PersonId} after review {TransactionId} committed")]
    public static partial void EmergencyReasonReleased(ILogger logger, string entryId, string role, string personId, string transactionId);
}
