namespace MedChain.FabricGateway;

/// <summary>The service's log messages, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Anchoring record {RecordId} failed; its stored keys are being destroyed")]
    public static partial void AnchorFailedShredding(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connected to Fabric Gateway {Endpoint} as {MspId} on channel {Channel}, chaincode {Chaincode}")]
    public static partial void FabricConnected(ILogger logger, string endpoint, string mspId, string channel, string chaincode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Request failed: {Title}")]
    public static partial void RequestFailed(ILogger logger, string title, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Enrolled {Role} {PersonId} with a Fabric identity of their own")]
    public static partial void PersonEnrolled(ILogger logger, string role, string personId);
}
