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
}
