using Microsoft.Extensions.Logging;

namespace MedChain.FabricClient.Internal;

/// <summary>Log messages of the Gateway client; event ids are stable.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Proposal {TransactionName} is transaction {TransactionId} on channel {Channel}")]
    public static partial void ProposalBuilt(ILogger logger, string transactionName, string transactionId, string channel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Transaction {TransactionId} endorsed on channel {Channel}")]
    public static partial void Endorsed(ILogger logger, string transactionId, string channel);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Submitted transaction {TransactionId} on channel {Channel}")]
    public static partial void Submitted(ILogger logger, string transactionId, string channel);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Transaction {TransactionId} committed in block {BlockNumber} with code {Code}")]
    public static partial void CommitStatusReceived(ILogger logger, string transactionId, ulong blockNumber, PeerPb.TxValidationCode code);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Stage} failed for transaction {TransactionId}: {StatusCode} {Detail}")]
    public static partial void CallFailed(ILogger logger, string stage, string? transactionId, global::Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Reading chaincode events of {Chaincode} on channel {Channel} from {StartPosition}")]
    public static partial void ChaincodeEventsStarted(ILogger logger, string chaincode, string channel, string startPosition);
}
